/**
 * Remembers a pure function of a string (user agents and referrer hosts repeat
 * from one event to the next). Bounded: the memory is dropped when it holds
 * `max` answers, so hostile input cannot grow it.
 */
export const memo = <T>(fn: (key: string) => T, max = 4_096): ((key: string) => T) => {
  const answers = new Map<string, T>()
  return (key) => {
    const known = answers.get(key)
    if (known !== undefined) return known
    const answer = fn(key)
    if (answers.size >= max) answers.clear()
    answers.set(key, answer)
    return answer
  }
}
