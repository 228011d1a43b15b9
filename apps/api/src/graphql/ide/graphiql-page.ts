/** GraphiQL page whose scripts and styles come from this server (node_modules), not a CDN. */
export function graphiqlPage(graphqlPath: string, assetsPath: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Convene GraphQL</title>
    <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${assetsPath}/graphiql.min.css" />
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <script src="${assetsPath}/react.production.min.js"></script>
    <script src="${assetsPath}/react-dom.production.min.js"></script>
    <script src="${assetsPath}/graphiql.min.js"></script>
    <script>
      const url = new URL(${JSON.stringify(graphqlPath)}, location.href);
      const subscriptionUrl = url.href.replace(/^http/, 'ws');
      const fetcher = GraphiQL.createFetcher({ url: url.href, subscriptionUrl });
      const defaultQuery = '{\\n  policeForceAreas(filter: { country: WALES }) {\\n    code\\n    displayName\\n    currentGovernance { type office since }\\n    localAuthorities { code name population }\\n  }\\n}\\n';
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
      );
    </script>
  </body>
</html>
`;
}
