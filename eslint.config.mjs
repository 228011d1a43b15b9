// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'libs/database/src/migrations/*-*.ts',
      'apps/dashboard/src/gql/**',
    ],
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
    // The dashboard runs in browsers and has its own TypeScript project (DOM, JSX, bundler).
    files: ['apps/dashboard/src/**/*.{ts,tsx}', 'apps/dashboard/*.{ts,mts}'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { project: ['./apps/dashboard/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JavaScript tooling (configs, scripts): no TypeScript project to type-check against.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
