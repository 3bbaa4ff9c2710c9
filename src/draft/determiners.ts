// Articles that begin a noun phrase: a name found in text never begins with one
// ("Die Regierung", "The Kremlin"). Each finder of new names adds its own words.
export const DETERMINERS: readonly string[] = ['Der', 'Die', 'Das', 'Den', 'Dem', 'Des', 'Ein', 'Eine', 'The'];
