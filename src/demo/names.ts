// First names and surnames for the demo's members, as people in Wisbech are called: English, and
// Polish and Latvian with their own letters. Polish and Latvian surnames change with gender, so each
// is given as [his, hers].
import type { Locale } from "../core/types.ts";

export interface NameBook {
  women: readonly string[];
  men: readonly string[];
  /** [his, hers]; the same word twice where the surname does not change. */
  surnames: ReadonlyArray<readonly [string, string]>;
}

const same = (names: string[]) => names.map((n) => [n, n] as const);

// biome-ignore format: name lists read best packed
export const NAMES: Record<Locale, NameBook> = {
  en: {
    women: [
      "Emma", "Olivia", "Sophie", "Jessica", "Chloe", "Lucy", "Hannah", "Amy", "Rebecca", "Charlotte",
      "Lauren", "Megan", "Kelly", "Donna", "Tracey", "Julie", "Karen", "Lisa", "Michelle", "Nicola",
      "Joanne", "Shannon", "Jade", "Stacey", "Maureen", "Pauline",
    ],
    men: [
      "Jack", "Harry", "Oliver", "George", "Daniel", "James", "Thomas", "Ryan", "Liam", "Callum",
      "Lewis", "Craig", "Darren", "Lee", "Paul", "Mark", "Stuart", "Gary", "Wayne", "Kevin", "Dean",
      "Adam", "Keith", "Terry",
    ],
    surnames: same([
      "Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Walker", "Wright", "Robinson",
      "Thompson", "White", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner",
      "Hill", "Cooper", "Ward", "Barker", "Chapman", "Marshall", "Fletcher", "Dawson", "Gedney", "Elwood",
    ]),
  },
  pl: {
    women: [
      "Małgorzata", "Agnieszka", "Katarzyna", "Dorota", "Elżbieta", "Beata", "Ewa", "Joanna", "Magdalena",
      "Marta", "Aleksandra", "Zofia", "Grażyna", "Bożena", "Jolanta", "Halina", "Renata", "Iwona",
      "Paulina", "Łucja", "Jadwiga", "Urszula", "Natalia", "Wiktoria",
    ],
    men: [
      "Łukasz", "Michał", "Wojciech", "Paweł", "Krzysztof", "Tomasz", "Mirosław", "Stanisław", "Zbigniew",
      "Kamil", "Bartłomiej", "Mateusz", "Jakub", "Piotr", "Marcin", "Grzegorz", "Dariusz", "Sławomir",
      "Jędrzej", "Przemysław", "Rafał", "Andrzej",
    ],
    surnames: [
      ["Kowalski", "Kowalska"], ["Wiśniewski", "Wiśniewska"], ["Kamiński", "Kamińska"],
      ["Lewandowski", "Lewandowska"], ["Zieliński", "Zielińska"], ["Szymański", "Szymańska"],
      ["Dąbrowski", "Dąbrowska"], ["Kozłowski", "Kozłowska"], ["Jankowski", "Jankowska"],
      ["Kwiatkowski", "Kwiatkowska"], ["Piotrowski", "Piotrowska"], ["Grabowski", "Grabowska"],
      ["Pawłowski", "Pawłowska"], ["Michalski", "Michalska"], ["Jabłoński", "Jabłońska"],
      ["Górski", "Górska"], ["Wrzesiński", "Wrzesińska"],
      ...same(["Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Wróbel", "Król", "Sikora",
        "Błaszczyk", "Żak", "Łuczak", "Gołąb"]),
    ],
  },
  lv: {
    women: [
      "Līga", "Inese", "Kristīne", "Dace", "Ieva", "Zane", "Baiba", "Sandra", "Inga", "Laura", "Santa",
      "Agnese", "Elīna", "Madara", "Gunta", "Māra", "Aija", "Dzintra", "Rūta", "Vija", "Solvita", "Anete",
    ],
    men: [
      "Andris", "Māris", "Edgars", "Juris", "Artūrs", "Kārlis", "Raitis", "Guntis", "Aigars", "Valdis",
      "Oskars", "Pēteris", "Mārtiņš", "Kristaps", "Rihards", "Uldis", "Normunds", "Ainārs", "Dāvis",
      "Roberts", "Gatis", "Jānis",
    ],
    surnames: [
      ["Bērziņš", "Bērziņa"], ["Kalniņš", "Kalniņa"], ["Ozols", "Ozola"], ["Jansons", "Jansone"],
      ["Liepiņš", "Liepiņa"], ["Krūmiņš", "Krūmiņa"], ["Balodis", "Balode"], ["Zariņš", "Zariņa"],
      ["Pētersons", "Pētersone"], ["Vītols", "Vītola"], ["Kļaviņš", "Kļaviņa"], ["Lācis", "Lāce"],
      ["Eglītis", "Eglīte"], ["Siliņš", "Siliņa"], ["Sproģis", "Sproģe"], ["Ābols", "Ābola"],
      ["Celmiņš", "Celmiņa"], ["Rozītis", "Rozīte"], ["Kārkliņš", "Kārkliņa"], ["Liepa", "Liepa"],
    ],
  },
};
