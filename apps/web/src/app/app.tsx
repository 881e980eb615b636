export function App() {
  return (
    <main>
      <h1>Petrel</h1>
    </main>
  );
}
