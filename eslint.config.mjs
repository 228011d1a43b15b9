// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'libs/database/src/migrations/*-*.ts'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: ['./tsconfig.spec.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*', '**/libs/*/**'],
              message: 'Import another library through @app/<name>, never by path.',
            },
            { group: ['@app/*/*'], message: 'Import @app/<name> (its index.ts), never a deep path.' },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript tooling (configs, scripts): no TypeScript project to type-check against.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
