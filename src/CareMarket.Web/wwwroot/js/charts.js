// Draws each chart from the accessible table it names, so a chart and its table always show the same figures.
// <canvas data-table="ID" data-type="bar|line" data-columns="1,2" data-rows="0,2" data-stacked="true" data-percent="true">
(function () {
  if (!window.Chart) return;
  const palette = ['#1d70b8', '#00703c', '#f47738', '#d4351c', '#4c2c92', '#28a197', '#b1b4b6', '#912b88'];
  const number = text => parseFloat(text.replace(/[%,£\s]/g, ''));
  document.querySelectorAll('canvas[data-table]').forEach(canvas => {
    const table = document.getElementById(canvas.dataset.table);
    if (!table) return;
    const headings = [...table.tHead.rows[0].cells].map(c => c.textContent.trim());
    let rows = [...table.tBodies[0].rows];
    if (canvas.dataset.rows) {
      const keep = canvas.dataset.rows.split(',').map(Number);
      rows = rows.filter((_, i) => keep.includes(i));
    }
    const columns = canvas.dataset.columns
      ? canvas.dataset.columns.split(',').map(Number)
      : headings.map((_, i) => i).slice(1);
    const colours = canvas.dataset.colours ? canvas.dataset.colours.split(',') : palette;
    const stacked = canvas.dataset.stacked === 'true';
    const percent = canvas.dataset.percent === 'true';
    new Chart(canvas, {
      type: canvas.dataset.type || 'bar',
      data: {
        labels: rows.map(r => r.cells[0].textContent.trim()),
        datasets: columns.map((c, k) => ({
          label: headings[c],
          data: rows.map(r => number(r.cells[c].textContent)),
          backgroundColor: colours[k % colours.length],
          borderColor: colours[k % colours.length],
          tension: 0.2
        }))
      },
      options: {
        animation: false,
        responsive: true,
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, title: { display: !!canvas.dataset.axis, text: canvas.dataset.axis || '' },
               ticks: percent ? { callback: v => v + '%' } : {} }
        }
      }
    });
  });
})();
