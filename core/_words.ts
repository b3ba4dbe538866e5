/**
 * Common English words and the words people pick for passwords, four
 * letters or more, written for keymint: enough to tell a passphrase or a
 * chosen password from random text. Not a cracking dictionary.
 *
 * @module
 */

const WORDS =
  "able about above across admin after again against agent almost alone " +
  "along alpha already also always amazing america angel animal another " +
  "answer apple april area army around arrow autumn away baby back bacon " +
  "badger ball banana band bank base baseball basket basketball batman " +
  "battery beach bear beautiful because become before begin behind believe " +
  "best better between bird birthday black blood blue board boat body " +
  "book boss boston both bottle bottom box brain bread break bridge bright " +
  "bring brother brown buffalo build bullet burger business butter " +
  "butterfly cable call camera canada candy captain card care carry castle " +
  "catch cause center central chair chance change charlie cheese chelsea " +
  "cherry chicken child chocolate church circle city class clean clear " +
  "close cloud coffee cold college color come common computer control " +
  "cookie cool copper corner correct cotton could count country couple " +
  "course cover cowboy crazy cream create cross crystal cycle daddy dakota " +
  "dallas dance danger dark data daughter day dead dear death deep default " +
  "delta demo design diamond dinner doctor dollar dolphin door double down " +
  "dragon dream dress drink drive duck during each eagle early earth east " +
  "easy eight either element else empty energy engine enjoy enough enter " +
  "entry even evening every example family famous fancy farm father feel " +
  "field fifty fight final find fire first fish five flag flower flying " +
  "follow food football force forest forever forget form forty found four " +
  "free freedom friday friend from front fruit full funny future galaxy " +
  "game garden gate general george giant ginger girl give glass global gold " +
  "golden good google grace grand grape grass great green ground group grow " +
  "guard guest guitar hammer hand happy hard have heart heaven hello help " +
  "here hero hidden high hill history hockey hold home honey hope horse " +
  "hotel hour house hunter hunting iceman idea image inside internet iron " +
  "island jack jaguar jasmine jersey jessica john jordan jump jungle junior " +
  "just keep key killer kind king kitchen kitten knight know lady lake land " +
  "large last later laugh lazy leader learn left legend lemon letmein " +
  "letter level life light like lion list little live local login london " +
  "long look lord love lover lucky machine magic mail main major make mama " +
  "many maple market master matrix matter maverick maybe meet melody member " +
  "merlin metal michael middle might mike million mind minute mirror miss " +
  "money monkey monster month moon more morning mother mountain mouse move " +
  "movie much music must name nature never next nice night nine ninja noise " +
  "north nothing number ocean office often old olive once only open orange " +
  "order other outside over owner page paint palace panda panther paper " +
  "parent park party pass password peace people pepper perfect person " +
  "phoenix phone picture piece pink pirate place plan planet plant play " +
  "player please pocket point police power pretty prince princess private " +
  "public puppy purple queen question quick quiet rabbit rachel racing rain " +
  "rainbow ranger reach read ready real record rescue rest rich right river " +
  "road robert rock rocket root rose round royal runner safe sailor sample " +
  "saturn scooter score season second secret secure security sentence " +
  "server service seven shadow shark sheep shell ship short should show " +
  "silver simple since singer sister small smile smith snake snow soccer " +
  "soldier some something sometimes song soon sound south space speed " +
  "spider spirit sport spring square staple star start state station steel " +
  "still stone story strange street strong student study summer sunday " +
  "sunshine super superman surf sweet system table talk tango teacher team " +
  "tell test thanks that their them then there these thing think this " +
  "thomas those three thunder tiger time today together tomato tomorrow " +
  "tonight tower town tractor train travel tree triangle trouble truck true " +
  "trust turtle twelve twenty under unicorn until upon user valley very " +
  "victor victoria video view village violet visit voice wall want warrior " +
  "watch water wave welcome west whale what when where which while white " +
  "whole window winner winter wish with without wizard woman wonder word " +
  "work world would write yankee yellow young your zebra zero";

let words: ReadonlySet<string> | undefined;

/** The words, built on first use. */
export function commonWords(): ReadonlySet<string> {
  words ??= new Set(WORDS.split(" "));
  return words;
}

/** The length of the longest word. */
export const LONGEST_WORD = 10;
