/** Claims of the demo pack, with their statements and some of their phrasings, as the matching tests use them. */
export const DEMO_CLAIMS = [
  {
    key: 'troops',
    statement: 'North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.',
    phrasings: ['Estimates place their numbers between 10,000 and 12,000'],
  },
  {
    key: 'deaths',
    statement: 'Ukraine reported that at least 3,000 North Korean soldiers had been killed.',
    phrasings: ['The North Korean troops have suffered heavy casualties, with Ukraine reporting at least 3,000 deaths'],
  },
  {
    key: 'captured',
    statement: 'Ukrainian forces captured two North Korean soldiers alive in January 2025.',
    phrasings: ['In January, Ukrainian forces took two North Korean soldiers alive'],
  },
  {
    key: 'told',
    statement: 'North Korean soldiers sent to Russia were told they would be fighting Americans.',
    phrasings: ['They had been told they were killing Americans'],
  },
  {
    key: 'workers',
    statement: 'North Korea sent more than 13,000 workers to Russia in 2024.',
    phrasings: ['In 2024, North Korea also sent over 13,000 workers to Russia'],
  },
];
