import { describe, expect, it } from '@jest/globals';
import { plainSnippet } from './plain-snippet.js';

describe('plainSnippet', () => {
  it('keeps the words of code, emphasis and links without their syntax', () => {
    expect(plainSnippet('Run `npm start` and **then** open [the page](https://x.test/a) … _now_.')).toBe('Run npm start and then open the page … now.');
  });

  it('drops fences and heading marks', () => {
    expect(plainSnippet('## Install\n```sh\nnpm ci\n```\nDone.')).toBe('Install npm ci Done.');
  });

  it('turns a table into cells separated by dots, without the separator row', () => {
    expect(plainSnippet('| Setting | Default |\n| --- | :---: |\n| PORT | 3000 |')).toBe('Setting · Default · PORT · 3000');
  });

  it('leaves ordinary text, snake_case names and arithmetic alone', () => {
    expect(plainSnippet('Set status_page_url to 2 * 3 seconds.')).toBe('Set status_page_url to 2 * 3 seconds.');
  });
});
