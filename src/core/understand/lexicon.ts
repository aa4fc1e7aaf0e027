// The words people use for each thing the bot does, in English, Polish and Latvian: the data that
// understanding is built from (with the train part of corpus/). Written folded: lower case, no
// diacritics ("ile mam kredytow"). `stem*` matches any ending ("kredyt*": kredyty, kredytów);
// a phrase matches its words in a row (one other word may stand between them); `:N` is how strongly
// it points at its intent (default 2; 3 is enough on its own, 1 only tips a balance); `:Nn` marks a
// noun, which counts only when no other task has a verb ("give my credits" is not a balance question).
import type { Locale } from "../types.ts";

/** What a message can ask for, in the corpus's terms (corpus/README.md). */
export type Meaning =
  | "balance"
  | "log"
  | "history"
  | "events"
  | "book"
  | "cancel"
  | "give"
  | "volunteer"
  | "help"
  | "lang"
  | "stop"
  | "start"
  | "mydata"
  | "deleteme"
  | "checkin"
  | "checkout"
  | "menu"
  | "channel"
  | "offer"
  | "ask"
  | "yes"
  | "no"
  | "greeting";

type Cues = Partial<Record<Locale, string>>;

export const CUES: Record<Meaning, Cues> = {
  balance: {
    en: `balance*:3 blance:3 bal:3 credit*:2.5n point*:2.5n "how many":1 "how much":1 left:1 total:1 "have i got":2
      "do i have":1 "have i":0.5 "my account":2 account:1 check:1 "got left":2 earned:1 "my credits":3n "my points":3n "how many credits":3 "how many points":3 "my total":3 got:0.5 "how many have i":3 "whats in my account":3 "my balance":3 "check my":1.5 "have i earned":2 "earned so far":3 "credits left":3 "points left":3 "account balance":3 bal?:3`,
    pl: `sald*:3 kredyt*:2.5n punkt*:2.5n "ile mam":3 ile:1.5 "stan konta":3 stan:1 konto:2 koncie:2 bilans:3 zostalo:1
      zostao:1 sprawdz*:1 mam:0.5 uzbieral*:2 zebral*:2 "moje kredyty":3n "moje punkty":3n "ile kredytow":3 "ile punktow":3 uzbieral*:1 "ile mi zostalo":3 "ile zostalo":2 "ile mam punktow":3 "stan konta":3 "ile uzbieralem":3 "ile uzbieralam":3 "ile zarobilem":2 "ile zarobilam":2 "na koncie":3 sprawdzic:1`,
    lv: `atlikum*:3 kredit*:2.5n punkt*:2.5n "cik man":2 cik:1.5 bilanc*:3 konts:2 konta:2 konta:2 palicis:1 palikusi:1
      palikus*:1 "man ir":0.5 parbaud*:1 sakrat*:1 uzkrat*:1 "mani kredit*":3n "mani punkt*":3n "cik kredit*":3 "cik punkt*":3 "cik man ir":3 "cik man palicis":3 "cik palicis":2 "mans atlikums":3 "kas man ir":1.5 "cik esmu":1.5 "uz konta":3 "konta atlikums":3 "cik sakrats":3 parbaudit:1 palik*:1.5 "pietiek kredit*":3 "vai man pietiek":2`,
  },
  log: {
    en: `log:3 logged:1 "log my":2 hours:1 hour:1 hrs:1 hr:1 volunteered:2 did:1 done:1 worked:2 work:1 helped:2
      spent:0.5 record*:2 add:1 "i was at":2 "was at":1 "put in":1 "submit":2 "add my":2 "add hours":3 "log hours":3 "put down":2 "put hours":3 "put my hours":3 "i did":1.5 "did some":1.5 "spent the":1 "was helping":2 "been helping":2 "been volunteering":2 "volunteering at":2 "worked at":2 "did a shift":3 shift:1.5 "helped out":2 "helping out":2 "sign in hours":3`,
    pl: `godzin*:1 godz:1 zapisz:2 "zapisz godziny":3 dodaj:2 wpisz:2 zglos*:2 zgos*:2 bylem:2 bylam:2
      pracowal*:2 pomagal*:2 robilem:1 robilam:1 przepracowal*:3 spedzil*:1 wolontariowal*:2 wpisa*:2 doda*:2 zaloguj*:2 zalogowa*:2 zarejestr*:2 "bylem w":1.5 "bylam w":1.5 "pomagalem w":2 "pomagalam w":2 "dzis bylem":2 "dzis bylam":2 zmiana:1 zmiane:1 "odrobilem":2 "odrobilam":2 spedzilem:1.5 spedzilam:1.5`,
    lv: `stund*:1 pierakstit*:3 ierakstit*:3 registr*:2 stradaju:2 stradajusi:2 stradajis:2 nostradaju:3 biju:2
      palidzeju:2 pavadiju:1 pieskait*:1 "pievienot stundas":3 pievieno*:1 "pierakstit stundas":3 ierakst*:2 "biju pie":2 "biju uz":2 "stradaju pie":2 "palidzeju pie":2 strādāju:2 pavadiju:1.5 "nostradaju":3 maina:1 mainu:1 ievadit*:2 "ievadit stundas":3 "ievadit stundu":3`,
  },
  history: {
    en: `history:3 histroy:3 statement:3 past:1 previous:1 recent:1 last:1 entries:2 "what have i":2 "what did i":2
      logged:1 "my hours":1 record:1 records:2 "so far":1 "spent on":3 "what did i spend":4 "list of":1 "my entries":3 "my last":2 "last hours":3 "show my":1 "what ive done":3 "have i put in":3 "go through":2 "gone through":2 "my bookings":3 "past bookings":3 "so far":2 "what have i done":3 "hours ive done":3 "my record":3 "see my hours":3 "show me what":1.5 "last entries":3 "past hours":3 "what ive logged":3`,
    pl: `histori*:3 wpisy:3 ostatni*:1 "moje godziny":2 "co zapisal*":2 "co mam zapisane":3 zapisane:1
      wczesniej*:1 dotychczas:1 "do tej pory":1 wydal*:3 "na co wydal*":4 wpisow:3 wpisy:3 wpisach:3 lista:1 "moich wpisow":3 "moje rezerwacje":3 "co zrobil*":2 "co zrobilem":2 "co zrobilam":2 "moje wpisy":3 "pokaz wpisy":3 "pokaz moje":1.5 "ostatnie wpisy":3 "moje ostatnie":2 "ile godzin":1 "historie":3`,
    lv: `vesture*:3 ieraksti:3 ierakstus:3 pedej*:1 "manas stundas":2 "ko esmu":1 iepriek*:1 "lidz sim":1 izterej*:3 "ko esmu izterejis":4 "ko es iztereju":4 saraksts:1 "manas rezervacijas":3 "ko esmu darijis":3 "ko esmu darijusi":3 "mani ieraksti":3 "paradi ierakstus":3 "pedejie ieraksti":3 "manas stundas":2 "cik stundas":1 pierakstij*:3 vestur*:3 tereju:2 "pedejo reizi":2 "kad es pedejo":2`,
  },
  events: {
    en: `event*:3 offer*:3 spend:2 "whats on":3 "what is on":3 happening:2 weekend:1 activit*:1 "on this":1
      "things to do":2 "what can i":1 "spend my":2 "use my credits":3 rewards:2 deals:2 "anything on":3 christmas:1 xmas:1 "whats happening":3 "whats on":3 "do with":2 "use credits":3 "use my":2 "use points":3 "whats going on":3 "anything to do":3 "something to do":2 "days out":2 "what can i get":2 "what can i buy":3 "where can i spend":3 "things on":2 "activities":2 "deals":2 "trips":2 "fun":1 "on offer":3`,
    pl: `wydarzen*:3 ofert*:3 wydac:2 wydac:2 wydam:2 "na co":2 nagrod*:2 impre*:2 "co sie dzieje":3 "co jest":1
      weekend*:1 "w weekend":1 atrakcj*:2 "cos ciekawego":2 dzieje:1 "wykorzystac":3 "wymienic":2 swieta:1 swiat:1 swieta:1 "na swieta":2 wydania:1 "wykorzystac punkty":3 "wykorzystac kredyty":3 "co mozna":1.5 "gdzie wydac":3 "na co moge":2 "co moge kupic":3 "co mozna kupic":3 "jakie wydarzenia":3 "jakies wydarzenia":3 "co slychac":1 "wyjscie":0.5 "wycieczk*":1.5 imprez*:2 zajecia:1.5`,
    lv: `pasakum*:3 piedavajum*:3 teret*:2 notiek:2 "kas notiek":3 brivdien*:1 "nedelas nogal*":1 izmantot:2
      "ko var":1 balv*:2 "kur var":0.5 iztere*:2 ziemassvetk*:1 "ko var darit":3 "kur teret":3 "ko var nopirkt":3 "kadi pasakumi":3 "kas jauns":1.5 "ko var iegut":2 nodarbib*:1.5 "kas notiks":3 dabut:1.5 "par kreditiem":2 "ko var dabut":3`,
  },
  book: {
    en: `book:3 booking:2 reserve:3 "sign me up":3 ticket*:2 place*:1 seat*:1 "want to go":2 "like to go":2
      "can i go":2 "put me down":3 "count me in":3 "id like":0.5 attend:2 join:0.5 get:0.5 "i want":1 code:1 "a code":2 "i want to book":3 "can i book":3 "book me":3 "save me":1.5 "i want to come":2 "i want to join":2 "id love":1 tickets:2 "get a ticket":3 "get tickets":3 please:0.5 people:1 "for two":1`,
    pl: `zarezerwuj*:3 rezerw*:3 "zapisz mnie":3 "zapiszcie mnie":3 bilet*:2 miejsc*:1 "chce isc":2 pojsc:2
      isc:1 pojde:2 poprosze:1 chce:1 chcialbym:1 chcialabym:0.5 wezme:1 wpadne:1 kod:1 kodu:1 "kod na":2 "chce sie zapisac":3 "zapisz* mnie":3 "chce pojsc":2 "chcialbym pojsc":2 "chcialabym pojsc":2 "poprosze bilet*":3 "chce bilet*":3 "wybieram sie":2 "przyjde na":2 "zarezerwowac":3 prosze:0.5 osob*:1 osoby:1`,
    lv: `rezerv*:3 pieteik*:2 piesaki*:2 "pierakstiet mani":3 bilet*:2 viet*:1 "gribu iet":2 iet:1 aiziet:1
      gribu:1 velos:1 nemsu:1 kods:1 kodu:1 "gribu pieteikties":3 "pierakstit mani":3 "gribu biļeti":3 "gribu biletes":3 "es naksu":2 "naksu uz":2 "gribu aiziet":2 rezervet:3 "pieraksti mani":3 ludzu:0.5 cilvek*:1 personam:1 matus:1.5`,
  },
  cancel: {
    en: `cancel*:4 cancle:4 "cant come":2 "can't make":2 "cant make":2 "not coming":2 "cant go":2 unbook:3
      "call off":2 "take me off":2 "cancel* booking":5 "cancel* my":4 "cant make it":3 "cant come":3 "wont make it":3 "wont be coming":3 "not going":2 "cancel my":4 "remove my booking":4`,
    pl: `anuluj*:4 anulow*:4 odwolaj*:3 odwolac:3 "nie przyjde":2 "nie dam rady":2 "nie moge przyjsc":3
      rezygnuje:1 "wypisz mnie z":2 "skasuj* rezerwacj*":5 "usun* rezerwacj*":5 "z rezerwacji":3 "odwolaj* rezerwacj*":5 odwolac:4 odwolaj*:4 "rezygnuj* z":3 "nie przyjde":3 "nie bede":1.5 "nie moge przyjsc":3 "anuluj* rezerwacj*":5 "rezygnuje z rezerwacji":5`,
    lv: `atcel*:4 atsauk*:4 "nevaresu":2 "nenaksu":2 "netiksu":2 "nevaru atnakt":3 "atcel* rezervacij*":5 "dzes* rezervacij*":5 atcelt:4 "nevaresu atnakt":3 "nenaksu":3 "atcelt rezervaciju":5 "nevaresu":2 "atteik* biletes":5 "atteik* rezervacij*":5 jaatcel*:4 anulet*:4 anule*:4 "atsakos no biletes":5`,
  },
  give: {
    en: `give:3 gift:3 send:2 transfer*:3 donate:3 "pass on":2 share:1 "to my":0.5 "send credits":3 "give my":3 "send some":2 "to someone":1.5 "give some":3 "pass on":2 "give credits":3 "give points":3 "let my":1 "to my friend":1.5 "to my mum":1.5 "to my son":1.5 "to my daughter":1.5`,
    pl: `podaruj*:3 podarow*:3 daj:3 dac:3 przekaz*:3 prezent:2 oddaj*:2 przelej*:3 podziel*:1 wyslij:1 przeslij:3 przesl*:3 oddaj*:3 komus:1.5 "dla kogos":1.5 "dac kredyty":3 "przekazac":3 "podarowac":3 "dla kolezanki":1.5 "dla kolegi":1.5 "dla mamy":1.5 "dla syna":1.5 "dla corki":1.5`,
    lv: `davin*:3 uzdavin*:3 iedod*:3 "iedot":3 dot:2 davana:2 parskait*:3 atdod*:2 nosuti*:1 aizsuti*:1 "nosutit kredit*":3 kadam:1.5 "iedot kredit*":3 "uzdavinat":3 "draudzenei":1.5 "draugam":1.5 "mammai":1.5 "delam":1.5 "meitai":1.5 "aizsuti* kredit*":4 "nosuti* kredit*":4 "dot kredit*":4`,
  },
  volunteer: {
    en: `volunteer:3 volunteering:3 opportunit*:3 "where can i help":3 "help out":2 shifts:2 slots:2 "can i help":2
      "any work":2 "where can i":1 "sign up to help":3 "need help":1 "need volunteers":3 earn:3 "earn more":3 "get credits":2 "get more":2 "need people":3 "need help":1 jobs:2 "do hours":3 "i can help":3 "can i help":3 "help at":2 "help with":1.5 "do some hours":3 "where can i volunteer":3 "want to volunteer":3 "help out":2 "looking for":1 "anything i can do":2 "any shifts":3 "who needs":2 "wants help":2 "need a hand":3 "can i do":1`,
    pl: `wolontar*:3 "gdzie moge pomoc":3 "moge pomoc":2 pomoc:0.5 pomagac:2 "gdzie moge":1 zmian*:1 "szukam pracy":1
      "potrzebujecie":2 zarobi*:3 zdobyc:2 zdobyc:2 potrzebuj*:2 ludzi:1 "pomoc w":1 "moge pomoc":3 "gdzie pomoc":3 "kiedy moge":1.5 przyjsc:1 "chce pomagac":3 "gdzie pomagac":3 "szukam":1 "potrzebujecie":2 "potrzebuje pomocy":2 "chce byc wolontariusz*":3 "jakies zmiany":2 "czy ktos potrzebuje":3`,
    lv: `brivpratig*:3 "kur varu palidzet":3 palidzet:2 "varu palidzet":2 "kur varu":1 "vajag palig*":2 "vajag":0.5 nopelnit*:3 "vajag cilvek*":3 "vajag palidz*":3 nopeln*:2 "gribu palidzet":3 "kur palidzet":3 "kur var palidzet":3 "vajadziga palidziba":2 "meklēju":1 "gribu but brivpratig*":3`,
  },
  help: {
    en: `help:3 hlep:3 "how do":2 "how does":2 works:1 work:0.5 "how to":2 use:1 instructions:3 explain:2
      "what can i":1 commands:3 confused:2 "dont understand":3 "what is this":2 "what do i":2 info:3 "what do":1
      "how it works":3 "time credits":2 "what is time credits":3 "what can i text":3 "how does this work":3 "how does it work":3 "what is this":3 "how do i":2 "what do i do":3 "help me":3 "i need help":2 "what is this":3 "whats this":3 "how this works":3 "can you explain":3 "not sure how":2 "new here":2 "what can you do":3`,
    pl: `pomoc:2.5 pomocy:3 pomoz*:3 "jak to dziala":3 dziala*:2 jak:1 "co moge":1 instrukcj*:3 "nie rozumiem":3
      "o co chodzi":3 "co to jest":2 wyjasni*:2 "jak uzywac":3 korzystac:1 "time credits":2 poslugiw*:2 "jak to":1 obslug*:1 "pomoz mi":3 "jak to zrobic":2 "co mam zrobic":3 "co robic":2 "jestem nowy":2 "jestem nowa":2 "jak dziala":3 "nie wiem jak":2 "co to":1.5 "jak zaczac":3`,
    lv: `palidzib*:3 palidz*:2 paliga:3 "ka tas strada":3 strada:0.5 ka:0.5 "ka lietot":3 lietot:1 "ko es varu":1
      "nesaprotu":3 "kas tas ir":2 instrukcij*:3 paskaidro*:2 "ko darit":2 "time credits":2 "palidzi man":3 "ka to izdarit":2 "ko man darit":3 "esmu jauns":2 "esmu jauna":2 "ka strada":3 "nezinu ka":2 "kas tas":1.5 "ka sakt":3 darbojas:2 "ka tas darbojas":3 "ka tas viss":2 "ko es te":2`,
  },
  lang: {
    en: `language:3 lang:3 english:1 polish:1 latvian:1 "write in":2 "speak":1 "text me in":3 "in english":3
      "in polish":3 "in latvian":3 translate:2 "speak polish":3 "speak latvian":3 "in my language":2 "other language":3 "change language":3 "switch to":1.5`,
    pl: `jezyk*:3 "po polsku":3 "po angielsku":3 "po lotewsku":3 polsku:2 angielsku:2 lotewsku:2 polski:1
      angielski:1 lotewski:1 "pisz":0.5 "zmien jezyk":3 "pisz po":2 "pisz w":1 "mowie po":2 "zmien na":1.5 "inny jezyk":3 "w moim jezyku":2`,
    lv: `valod*:3 latviski:3 angliski:3 poliski:3 latviesu:1 anglu:1 polu:1 "mainit valodu":3 "rakstiet":0.5
      "raksti":0.5 "raksti latviski":3 "rakstiet latviski":3 "runaju":1.5 "cita valoda":3 "mainit uz":1.5 "manā valodā":2 "mana valoda":2`,
  },
  stop: {
    en: `stop:3 unsubscribe:3 "stop sending":3 "stop texting":3 "no more":2 "leave me alone":3 quit:2
      "dont text":3 "dont message":3 "opt out":3 "remove me from":2 "stop messaging":3 "dont want messages":3
      "no more texts":3 "dont want texts":3 texts:1.5 messages:1.5 "no more":2 "dont want":1 "stop texting me":3 "stop messaging me":3 "leave me":2 "unsub":3 "take me off":3 "dont contact":3 "dont want any more":3 "no more messages":3 "remove me":2`,
    pl: `wypisz*:3 rezygnuj*:2 "nie pisz*":3 "nie wysylaj*":3 "przestan*":3 dosc:2 "nie chce wiadomosci":3
      "nie chce smsow":3 "koniec z":2 "wypisac":3 wypis*:3 koniec:2 sms*:1 wiadomosc*:1.5 "nie chce wiecej":2 "nie chce juz":2 "nie piszcie":3 "przestancie pisac":3 "nie chce juz":2 "dajcie spokoj":3 "nie wysylajcie":3 "wypisz mnie":3 "nie kontaktujcie":3`,
    lv: `atteik*:3 beigt:3 pietiek:3 atrakstit*:3 "nesutiet":3 "nesuti":3 "vairs nerakst*":3 "vairs nesut*":3
      "negribu zinas":3 "partrauciet":3 "partraukt":3 "nerakstiet":3 zinas:1.5 "negribu vairs":2 "nevajag vairs":2 "nerakstiet vairs":3 "beidziet rakstit":3 "liekat mani":2 "negribu vairs zinas":3 "atrakstiet mani":3 "beidziet sutit":3 "atsakos no":3 "atsakos no zinam":4 zinam:1.5`,
  },
  start: {
    en: `start:3 unstop:3 "im back":3 "start again":3 resume:3 "back again":2 restart:3 subscribe:2 "text me again":3
      "turn on":1 again:1.5 "send me":1 "texts again":3 "want texts":2 "start again":3 "start texting":3 "turn back on":3 "resubscribe":3 "i want messages":3 "send me texts":3 "come back":2 "changed my mind":2`,
    pl: `wracam:3 wznow*:3 "znowu pisz*":3 "zacznij":2 "od nowa":1 "jestem z powrotem":3 "pisz znowu":3 znowu:2 ponownie:2 dostawac:1 "chce znowu":2 "zacznij pisac":3 "wznow":3 "chce wrocic":3 "wroc":1.5 "znow pisz":3 "wlacz":2 "zmienilem zdanie":2 "zmienilam zdanie":2`,
    lv: `sakt:3 atsakt:3 atgriez*:3 "esmu atpakal":3 "atkal rakst*":3 atkal:2 "atkal sutiet":3 saniegt:1 "atsakt":3 "gribu atpakal":3 "sakt atkal":3 "atkal sutit":3 "parduma*":2 sanemt:1.5 "atkal sanemt":3`,
  },
  mydata: {
    en: `"my data":3 "my details":2 "my info":2 "what do you know":3 "what do you keep":3 "what info":2 gdpr:3
      "what data":3 "personal data":3 "about me":1 "what do you have on me":3 "what you store":3 "do you store":2 "about me":2 "on me":2 "what info do you have":3 "what do you hold":3 "my personal":2 "data protection":3 "what you know":3 "info on me":3`,
    pl: `"moje dane":3 "jakie dane":3 "dane osobowe":3 rodo:3 "co o mnie":3 "co wiecie":2 przechowuj*:2
      "moich danych":2 "o mnie":2 "na moj temat":3 przechowuj*:3 "moje informacje":3 "co macie o mnie":3 "jakie informacje":3 "ochrona danych":3 "dane o mnie":3`,
    lv: `"mani dati":3 "kadus datus":3 "personas dati":3 "par mani":2 "ko jus zinat":3 glabajat:2 "manus datus":2
      datus:1 dati:1 "par mani":2 glabaj*:2 "kadu informaciju":3 "ko zinat par mani":3 "datu aizsardziba":3 "mana informacija":3 "datu kopij*":3 "manu datu":3 informacij*:1.5`,
  },
  deleteme: {
    en: `delete:3 erase:3 "remove me":3 "remove my":3 "forget me":3 "close my account":3 "delete my":3 wipe:2 "delete account":4 "delete my account":4 "remove all my":3 "delete everything":3 "delete all":3 "remove my details":3 "erase my":3 "get rid of my":3`,
    pl: `usun*:3 skasuj*:3 wykasuj*:3 "zapomnij":2 "usunac":3 "zamknij konto":3 skasow*:3 usunac:3 "usun konto":4 "skasuj konto":4 "usun* konto":4 "usun wszystko":3 "usun moje":3 "skasuj moje":3 "wykasuj moje":3 "usuncie":3 "usuncie mnie":4`,
    lv: `dzest:3 dzes*:3 izdzes*:3 "aizmirsti mani":3 "dzest kontu":3 "slegt kontu":2 "dzest kontu":4 dzest*:3 "dzest visu":3 "izdzest manus":3 "dzesiet":3 "izdzesiet mani":4 "nodzest":3 nonemiet:3 nonemt*:3 izdzes*:3`,
  },
  checkin: {
    en: `"im here":3 "i am here":3 arrived:3 "just arrived":3 "checking in":3 "check in":3 "here now":2 here:1
      "got here":3 "clocking in":3 "starting now":2 "starting my shift":3 now:2 "at the":0.5 "arrived at":3 "im at":2 "here at":2 "just got to":3 "starting at":2 "at work":1 "clock in":3 "sign in":2`,
    pl: `"jestem na miejscu":3 "juz jestem":3 przyszedlem:3 przyszlam:3 dotarl*:3 zaczynam:2.5 "na miejscu":2
      "jestem w":1 "jestem na":1 wejscie:2 "zaczynam zmiane":3 "jestem juz":3 "juz jestem":3 "jestem w":1.5 teraz:1 "jestem juz w":3 "przyjechalem":3 "przyjechalam":3 "doszedlem":3 "doszlam":3 "zaczynam zmiane":3 "jestem na zmianie":3`,
    lv: `"esmu klat":3 "esmu ieradies":3 atnacu:3 ierados:3 ieradies:2 ieradusies:2 saku:2 klat:2 "esmu pie":1
      "esmu uz":1 "sakam":1 tagad:1 "esmu jau":2 "atbraucu":3 "ierados pie":3 "saku mainu":3 "esmu klāt":3 "jau esmu":3 esmu:1.5`,
  },
  checkout: {
    en: `leaving:3 "im off":3 "going home":3 "check out":3 "checking out":3 "clocking off":3 "clocking out":3
      "just left":3 finished:2 "im done":2 "all done":2 "heading home":3 "off now":2 "done now":3 bye:1.5 "done for today":3 "going now":3 "off home":3 "leaving now":3 "finished now":3 "clock out":3 "sign out":3 "im leaving":3 "heading off":3`,
    pl: `wychodze:3 wyszedlem:3 wyszlam:3 koncze:3 skonczyl*:3 "ide do domu":3 "ide juz":2 wyjscie:2
      "po wszystkim":2 "zmykam":3 "uciekam":3 nara:1.5 "na dzis koniec":3 "juz wychodze":3 "wyszedlem juz":3 "koniec zmiany":3 "koncze zmiane":3 "ide juz":3 "skonczylem":3 "skonczylam":3`,
    lv: `aizeju:3 "eju prom":3 prom:2 beidzu:3 "eju majas":3 "dodos majas":3 pabeidz*:2 "viss padarits":2 "eju majas":3 "beidzu mainu":3 "aizgaju":3 "esmu prom":3 "darbs padarits":3 "esmu beidzis":3 "esmu beigusi":3 "eju projam":3 projam:2 izrakstos:3`,
  },
  // Where the bot writes: WhatsApp or SMS. The channel's name points at it; the words around it say it is a wish.
  channel: {
    en: `whatsapp:2.5 watsapp:2.5 whatsap:2.5 "on whatsapp":3 "via whatsapp":3 "by whatsapp":3 "by text":3 "by sms":3
      "text me":1.5 "message me":1.5 "write to me":1.5 "contact me":1 instead:1.5 "switch to":1.5 "rather have":1 prefer:1.5 "send it to":1 "use whatsapp":3 "use sms":3 "not sms":1.5 "not whatsapp":1.5 "no whatsapp":2`,
    pl: `whatsapp*:2.5 watsap*:2.5 wacap*:2.5 "na whatsapp*":3 "przez whatsapp*":3 "na watsap*":3 "przez sms*":3 smsem:3 esemesem:3
      "piszcie na":2 "pisz na":2 "piszcie do mnie":1.5 "pisz do mnie":1.5 zamiast:1.5 wole:1.5 "wolalbym":1 "wolalabym":1 "zmien na":1 "przejdz na":2 "nie mam whatsapp*":2 "zwykly sms":3 "zwyklym sms*":3`,
    lv: `whatsapp*:2.5 vatsap*:2.5 "uz whatsapp*":3 "pa whatsapp*":3 "caur whatsapp*":3 "pa sms":3 "ar sms":3 iszin*:2 "ar iszinam":3
      "rakstiet uz":2 "raksti uz":2 "rakstiet man":1.5 "raksti man":1.5 nevis:1.5 "labak":1 "gribetu":1 "parslegt uz":2 "mainit uz":1 "nav whatsapp*":2 "parastas iszinas":3`,
  },
  menu: {
    en: `menu:3 options:3 "main menu":3 choices:2 "what can i choose":3 "what can i do":2 "show options":3 "list options":3 "main options":3 "show me the menu":3`,
    pl: `opcje:3 "menu glowne":3 wybor:1 wybra*:1.5 "co moge wybrac":3 "pokaz opcje":3 "co moge zrobic":2 "lista opcji":3 "pokaz menu":3`,
    lv: `izvelne*:3 iespejas:2 "galvena izvelne":3 "paradi iespejas":3 "ko es varu darit":2 "paradi izvelni":3`,
  },
  yes: {
    en: `yes:3 yeah:3 yep:3 yup:3 ya:2 yea:3 sure:3 ok:3 okay:3 okey:3 k:2 fine:2 "go on":3 "go ahead":3 defo:3
      definitely:3 "of course":3 please:1 confirm*:3 accept*:3 "sounds good":3 alright:3 aye:3 "why not":2
      correct:2 right:1 approve*:3 "thats right":3 "do it":3 agreed:3 agree:3 👍:3 "go for it":3 "lets do it":3 "yes pls":3 "yeah go on":3 "thats fine":3 "all good":3 verified:3 yh:3 yas:3 yesss:3 yess:3 "yes ok":3 "ok then":3 "fine by me":3 "of course":3 "course":2 "go on":3 cool:2 "sounds great":3 perfect:3 great:2 lovely:2 deal:2`,
    pl: `tak:3 ta:2 takk:3 dobrze:3 dobra:3 jasne:3 spoko:3 zgoda:3 "zgadzam sie":3 okej:3 oki:3 pewnie:3
      oczywiscie:3 potwierdzam:3 "no tak":3 "no dobra":3 "no jasne":3 "no pewnie":3 "no ok":3 akceptuj*:3
      poprosze:2 prosze:1 chetnie:3 moze:0 wlasnie:1 zgadza:2 "niech bedzie":3 git:3 "jak najbardziej":3 dawaj:3 "moze byc":3 "moze byc":3 zatwierdzam:3 zatwierdz*:3 "zgadza sie":3 potwierdz*:3 "wszystko sie zgadza":3 "tak jest":3 "tak tak":3 "no pewnie":3 "pewnie ze":3 "tak poprosze":3 super:2 swietnie:2 "jasne ze":3 zgoda:3 okk:3 "dobra dobra":3 "oczywiscie ze":3`,
    lv: `ja:3 jaa:3 jaaa:3 labi:3 der:3 protams:3 piekritu:3 apstiprinu:3 ok:3 skaidrs:2 lutdzu:1 ludzu:1
      "ja ludzu":3 noteikti:3 aha:2 vares:1 "lai notiek":3 varu:1 pareizi:2 akcept*:3 "nu labi":3 "der labi":3 "var":1 aiziet:2 "ir labi":3 "viss pareizi":3 apstiprin*:3 "ja ja":3 "protams ja":3 "labi labi":3 super:2 lieliski:2 ideali:2 "piekritu":3 "der ok":3 okei:3 okej:3 oki:3`,
  },
  no: {
    en: `no:3 nah:3 nope:3 n:2 "no thanks":3 "no thank you":3 "not now":3 dont:2 "do not":2 cancel:2 reject*:3
      decline*:3 "not really":3 never:2 wrong:2 incorrect:2 deny:3 "not today":3 👎:3 "no way":3 "not interested":3 "leave it":3 "wasnt here":2 "not here":2 "no ta":3 "no ty":3 "nope not":3 "no sorry":3 "not for me":3 "i dont":2 "rather not":3 "wont":1.5`,
    pl: `nie:3 niee:3 "nie dziekuje":3 "nie chce":3 "raczej nie":3 odrzucam:3 odrzuc*:3 rezygnuje:2 "nie teraz":3
      nigdy:2 nieprawda:2 "nie zgadzam":3 "dzieki nie":3 odpuszczam:3 odpuszcz*:3 "nie potwierdzam":3 "nie bylo":2 "nie zgadza":3 "nie nie":3 "nie trzeba":3 "raczej nie":3 "nie dzieki":3 "nie teraz":3 "nie, dziekuje":3 "wolalbym nie":3 "wolalabym nie":3`,
    lv: `ne:3 nee:3 neee:3 nepiekritu:3 noraidu:3 noraid*:3 negribu:3 "ne paldies":3 "nav vajadzigs":3 nevajag:3
      "ne tagad":3 "nekadi":3 nekad:2 "nav pareizi":3 atteikt*:2 "nav bijis":2 "nebija":2 "neapstiprinu":3 "ne, paldies":3 "ne ne":3 "nevajag":3 "labak ne":3 "ne tagad":3 "paldies ne":3 "negribu":3 "nav vajadzibas":3 atsakos:3`,
  },
  // The members' board: help one member can give another, and help asked of the others (not a
  // partner's volunteering, which is `volunteer`).
  offer: {
    en: `offer:2 offering:3 "i can offer":3 "happy to help with":3 "happy to help":2 "i could help with":2 "can give lifts":3
      "give lifts":2 "i can teach":3 "can teach":2.5 "i can cook":3 "i can fix":3 "i can drive":2.5 "if anyone needs":3
      "anyone who needs":2.5 "if someone needs":3 "free mornings":1 "i can do that":1.5 "i could help":3 teach:1.5`,
    pl: `oferuje:3 zaoferowac:3 "moge zaoferowac":3 "chetnie pomoge":3 "chetnie pomoge w":3 "moge nauczyc":3 nauczyc:1.5
      "moge ugotowac":3 "moge naprawic":3 "moge podwiezc":3 "moge zawiezc":3 "jesli ktos potrzebuje":3 "gdyby ktos":3
      "jak ktos potrzebuje":3 "jestem wolna":1 "jestem wolny":1 "moge pomoc z":1.5`,
    lv: `piedavaju:3 "varu piedavat":3 "labprat palidzesu":3 palidzesu:2 "varu iemacit":3 iemacit:1.5 "varu aizvest":3
      "varu salabot":3 "varu pagatavot":3 "ja kadam vajag":3 "ja kadam vajadzigs":3 "ja kadam":2.5 "esmu briva":1
      "esmu brivs":1 "varu palidzet ar":1.5`,
  },
  ask: {
    en: `"can anyone":4 "could anyone":4 "can someone":4 "could someone":4 "anyone able":3 "looking for someone":3
      "need someone":3 "does anyone":3 "is there anyone":4 "anyone help":2 "help me with":1.5 "need a hand with":2
      "someone to":1.5 "anyone to":1.5 babysit:1 "show me how":1.5 anyone:1.5 someone:1`,
    pl: `"czy ktos":2.5 "ktos moze":2.5 "ktos pomoze":3 "szukam kogos":3 "potrzebuje kogos":3 "kto pomoze":3 "kto moglby":3
      "kto moze":2 "pomoze mi":2 "pomoc mi":1.5 "prosze o pomoc":2.5 "potrzebuje pomocy z":3 "potrzebuje pomocy przy":3
      "ktos pomoze":3 popilnowac:1.5 "kogos do":2 ktos:1 kogos:1`,
    lv: `"vai kads":2 "kads var":2.5 "kads varetu":3 "mekleju kadu":3 "vajag kadu":3 "kas varetu":2.5 "kas var palidzet":2
      "palidzi man ar":2 "vajadziga palidziba ar":3 "vajag palidzibu ar":3 "ludzu palidzibu":2.5 "kads palidzes":3
      pieskatit:1.5 "kadu kas":2`,
  },
  greeting: {
    en: `hi:1 hello:1 hey:1 hiya:1 morning:1 "good morning":1 afternoon:1 evening:1 thanks:1 thank:1 thx:1
      cheers:1 ta:0.5 hiya:1 yo:0.5 howdy:1 halo:1 hallo:1 "hi there":1 "good afternoon":1 "good evening":1 "thanks a lot":1 "thank u":1 "thanks very much":1 "nice one":1 ty:1 tyvm:1 hii:1 heya:1 sup:0.5`,
    pl: `czesc:1 hej:1 siema:1 siemka:1 witam:1 witaj:1 "dzien dobry":1 dobry:0.5 "dobry wieczor":1
      dzieki:1 dziekuje:1 dziekujemy:1 elo:1 serwus:1 hejka:1 czolem:1 halo:1 hallo:1 "dobry wieczor":1 "dzien dobry":1 "dobry wieczor":1 "milego dnia":1 "dzieki wielkie":1 "wielkie dzieki":1 pozdrawiam:1 pozdro:1 czesc:1`,
    lv: `sveiki:1 sveiks:1 sveika:1 labdien:1 labrit:1 labvakar:1 cau:1 paldies:1 "labu dienu":1 "labs vakars":1
      "labdien jums":1 cav:1 sveikin*:1 halo:1 hallo:1 sveicin*:1 "labu rītu":1 "labrit":1 "liels paldies":1 "paldies liels":1 "jauku dienu":1 sveiciens:1 "cau cau":1`,
  },
};

/**
 * Words that carry no request of their own: pronouns, polite words, small verbs. They are dropped
 * before a sentence's slots are read, so "did 2 hrs at the playground" leaves "2 hrs at the playground".
 */
export const NOISE: Cues = {
  en: `i im ive id me my mine was were did do does done have has had got get just please pls plz can could would
    you u your for some been today's am is are a an so and then also pls thx thanks cheers hi hello hey hiya
    want wanna like love spent worked work helped volunteered log logged add record put in today's there it`,
  pl: `ja mi mnie moje moj moja mam bylem bylam jestem bylo by prosze poprosze prosz prosba chce chcialbym
    chcialabym czy mozna moge mozesz mozecie sie to ze no czesc hej siema witam dzieki dziekuje zapisz dodaj wpisz
    pracowalem pracowalam pomagalem pomagalam robilem robilam spedzilem spedzilam przepracowalem
    przepracowalam tam tez a przez`,
  lv: `es man mani mans mana ir biju esmu biju bija ludzu paldies sveiki labdien cau gribu velos varu vai
    var tu jus ka stradaju stradajis stradajusi nostradaju palidzeju pavadiju pieraksti pierakstit ierakstit
    tur ari un ta`,
};

/** Words that name each language, as a target of "write to me in …": folded, any inflection. */
export const LANGUAGE_WORDS: Record<Locale, string> = {
  en: "english* eng angiel* angliski* anglu* anglisk*",
  pl: "polish* polsk* polski* poliski* polu* polisk* polskiego",
  lv: "latvian* lotewsk* latvisk* latvies* latviski*",
};
