import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // STYLE.md: an area (src/<area>/, or a sub-area such as formats/model) is reached from
    // outside only through its index.ts. Any import that climbs out of the folder and enters
    // another one must end in index.js.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+([\\w-]+/)+(?!index\\.js$)[^/]+$',
              message:
                'Import another area only through its index.ts (src/<area>/index.js), never one of its files.',
            },
            {
              // formats/ has one entry point: its model and Factur-X sub-areas are re-exported.
              regex: '^(\\.\\./)+formats/[\\w-]+/',
              message: 'Import formats only through src/formats/index.js.',
            },
          ],
        },
      ],
    },
  },
);
