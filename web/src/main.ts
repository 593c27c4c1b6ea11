const app = document.querySelector<HTMLDivElement>('#app')!;
const heading = document.createElement('h1');
heading.textContent = 'SessionLab';
app.append(heading);
