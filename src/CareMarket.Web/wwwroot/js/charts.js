// Draws charts from the accessible table beside them, so the chart and the table always show the same figures.
(function () {
  const table = document.getElementById('ratings-table');
  const canvas = document.getElementById('ratings-chart');
  if (!table || !canvas || !window.Chart) return;
  const headings = [...table.tHead.rows[0].cells].slice(1).map(c => c.textContent.trim());
  const colours = ['#28a197', '#00703c', '#f47738', '#d4351c', '#b1b4b6'];
  const rows = [...table.tBodies[0].rows].filter((_, i) => i % 2 === 0); // our council's rows only
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map(r => r.cells[0].textContent.trim()),
      datasets: headings.map((h, i) => ({ label: h, backgroundColor: colours[i], data: rows.map(r => Number(r.cells[i + 1].textContent)) }))
    },
    options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'Services' } } } }
  });
})();
