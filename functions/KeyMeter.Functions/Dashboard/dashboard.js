"use strict";
// KeyMeter dashboard: reads the report routes with the function key (kept in sessionStorage, sent as a header, never
// in a URL) and draws with plain SVG; no library, no network beyond this app.
(function () {
  const KEY = "keymeter.functionKey";
  const COLORS = ["#0b5cad", "#e16f24", "#2da44e", "#8250df", "#bf3989", "#1b7c83", "#9a6700", "#cf222e", "#57606a", "#6639ba"];
  const OTHER = "#afb8c1";
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const money = (usd) => {
    const value = Number(usd);
    const digits = value !== 0 && Math.abs(value) < 0.01 ? 4 : 2;
    return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  };
  const count = (n) => new Intl.NumberFormat("en-US").format(n);
  const iso = (date) => date.toISOString().slice(0, 10);

  function status(text, isError) {
    const el = $("status");
    el.textContent = text;
    el.className = isError ? "error" : "";
  }

  async function get(path) {
    const response = await fetch(path, { headers: { "x-functions-key": sessionStorage.getItem(KEY) || "" }, cache: "no-store" });
    if (response.status === 401) {
      sessionStorage.removeItem(KEY);
      throw Object.assign(new Error("The function key was refused. Enter it again."), { login: true });
    }
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not JSON */ }
      throw new Error(detail);
    }
    return response.json();
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function fillGroups(tableId, groups) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    const shown = groups.filter((g) => g.requests !== 0 || Number(g.costUsd) + Number(g.cursorFeeUsd) !== 0).slice(0, 10);
    if (shown.length === 0) {
      const row = body.insertRow();
      const td = cell(row, "No usage in this range.", "empty");
      td.colSpan = 3;
      return;
    }
    for (const group of shown) {
      const row = body.insertRow();
      cell(row, group.value);
      cell(row, money(Number(group.costUsd) + Number(group.cursorFeeUsd)), "num");
      cell(row, count(group.requests), "num");
    }
  }

  function budgetCell(row, use) {
    const td = cell(row, "");
    if (!use) { td.textContent = "-"; return; }
    const bar = document.createElement("span");
    const percent = Number(use.percentUsed);
    bar.className = "bar" + (percent >= 100 ? " bad" : percent >= 80 ? " warn" : "");
    bar.style.width = Math.max(2, Math.min(100, percent)) * 0.6 + "px";
    td.appendChild(bar);
    td.appendChild(document.createTextNode(`${money(use.spentUsd)} of ${money(use.limitUsd)} (${percent}%)`));
  }

  function fillBudgets(report) {
    const body = $("budgets").tBodies[0];
    body.replaceChildren();
    const keys = report.keys.slice(0, 15);
    const near = report.keys.filter((k) => [k.daily, k.monthly].some((u) => u && Number(u.percentUsed) >= 80)).length;
    $("nearLimit").textContent = String(near);
    if (keys.length === 0) {
      const td = cell(body.insertRow(), "No key has a budget.", "empty");
      td.colSpan = 4;
      return;
    }
    for (const key of keys) {
      const row = body.insertRow();
      cell(row, key.name);
      cell(row, key.ownerEmail);
      budgetCell(row, key.daily);
      budgetCell(row, key.monthly);
    }
  }

  function minutes(value) {
    const m = Number(value);
    return m < 60 ? `${Math.round(m)} min` : `${Math.floor(m / 60)} h ${String(Math.round(m % 60)).padStart(2, "0")}`;
  }

  const optional = (value, format) => (value === null || value === undefined ? "-" : format(value));

  function fillAgents(report) {
    const body = $("agents").tBodies[0];
    body.replaceChildren();
    if (report.agents.length === 0) {
      const td = cell(body.insertRow(), "No agent usage in this range.", "empty");
      td.colSpan = 10;
      return;
    }
    for (const agent of report.agents) {
      const row = body.insertRow();
      row.dataset.agent = agent.agent;
      cell(row, agent.agent);
      cell(row, money(agent.spendUsd), "num");
      cell(row, count(agent.developers), "num");
      cell(row, count(agent.sessions), "num");
      cell(row, optional(agent.spendPerSession, money), "num");
      cell(row, optional(agent.spendPerActiveHour, money), "num");
      cell(row, optional(agent.cacheHitRate, (rate) => `${Math.round(Number(rate) * 100)}%`), "num");
      cell(row, optional(agent.linesAdded, count), "num");
      cell(row, optional(agent.commits, count), "num");
      cell(row, optional(agent.spendPer100Lines, money), "num");
    }
  }

  function fillSessions(report) {
    const body = $("sessions").tBodies[0];
    body.replaceChildren();
    $("sessionsNote").textContent = report.total > report.sessions.length
      ? `${report.sessions.length} of ${count(report.total)} sessions, ${money(report.totalSpendUsd)} in all; a session without an agent's own id ends after ${report.idleGapMinutes} idle minutes.`
      : `A session without an agent's own id ends after ${report.idleGapMinutes} idle minutes.`;
    if (report.sessions.length === 0) {
      const td = cell(body.insertRow(), "No sessions in this range.", "empty");
      td.colSpan = 8;
      return;
    }
    for (const session of report.sessions) {
      const row = body.insertRow();
      row.dataset.session = session.id;
      cell(row, session.developer);
      cell(row, session.agent);
      cell(row, session.start.replace("T", " ").slice(0, 16));
      cell(row, minutes(session.durationMinutes), "num");
      cell(row, session.models.join(", "));
      cell(row, count(session.requests), "num");
      cell(row, count(session.totalTokens), "num");
      cell(row, money(Number(session.costUsd) + Number(session.cursorFeeUsd)), "num");
    }
  }

  function el(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawChart(daily) {
    const width = 960, height = 320, left = 64, right = 12, top = 12, bottom = 36;
    const days = daily.days, totals = daily.totalUsd.map(Number);
    const max = Math.max(...totals, 0);
    const nice = max === 0 ? 1 : Math.pow(10, Math.floor(Math.log10(max))) * Math.ceil(max / Math.pow(10, Math.floor(Math.log10(max))));
    const plotW = width - left - right, plotH = height - top - bottom;
    const step = plotW / Math.max(days.length, 1);
    const barW = Math.max(2, step * 0.7);
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chartTitle", id: "spendChart" });
    for (let i = 0; i <= 4; i++) {
      const y = top + plotH - (plotH * i) / 4;
      svg.appendChild(el("line", { x1: left, x2: width - right, y1: y, y2: y, class: "grid" }));
      svg.appendChild(el("text", { x: left - 6, y: y + 4, "text-anchor": "end", class: "axis" }, money((nice * i) / 4)));
    }
    const labelEvery = Math.ceil(days.length / 10);
    days.forEach((day, i) => {
      const x = left + i * step + (step - barW) / 2;
      let y = top + plotH;
      daily.series.forEach((series, s) => {
        const amount = Number(series.spendUsd[i]);
        if (amount <= 0) return;
        const h = (amount / nice) * plotH;
        y -= h;
        const rect = el("rect", { x: x.toFixed(2), y: y.toFixed(2), width: barW.toFixed(2), height: h.toFixed(2), fill: series.value === "(other)" ? OTHER : COLORS[s % COLORS.length], "data-day": day, "data-value": series.value, "data-usd": series.spendUsd[i] });
        rect.appendChild(el("title", {}, `${day} · ${series.value}: ${money(amount)}`));
        svg.appendChild(rect);
      });
      const total = el("rect", { x: x.toFixed(2), y: top, width: barW.toFixed(2), height: plotH, fill: "transparent", class: "day", "data-day": day, "data-total": daily.totalUsd[i] });
      total.appendChild(el("title", {}, `${day}: ${money(totals[i])}`));
      svg.appendChild(total);
      if (i % labelEvery === 0) {
        svg.appendChild(el("text", { x: (x + barW / 2).toFixed(2), y: height - bottom + 16, "text-anchor": "middle", class: "axis" }, day.slice(5)));
      }
    });
    $("chart").replaceChildren(svg);
    const legend = $("legend");
    legend.replaceChildren();
    daily.series.forEach((series, s) => {
      const item = document.createElement("li");
      item.dataset.value = series.value;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = series.value === "(other)" ? OTHER : COLORS[s % COLORS.length];
      item.append(swatch, document.createTextNode(`${series.value} ${money(series.totalUsd)}`));
      legend.appendChild(item);
    });
    if (daily.series.length === 0) {
      const item = document.createElement("li");
      item.className = "empty";
      item.textContent = "No spend in this range.";
      legend.appendChild(item);
    }
  }

  async function load() {
    if (!sessionStorage.getItem(KEY)) { showLogin(); return; }
    const from = $("from").value, to = $("to").value, groupBy = $("groupBy").value;
    const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    status("Loading…");
    try {
      const [daily, developers, projects, budgets, sessions, agents] = await Promise.all([
        get(`/reports/daily?${range}&groupBy=${encodeURIComponent(groupBy)}`),
        get(`/reports/summary?${range}&groupBy=developer`),
        get(`/reports/summary?${range}&groupBy=project`),
        get(`/reports/budgets`),
        get(`/reports/sessions?${range}&limit=10`),
        get(`/reports/agents?${range}`),
      ]);
      $("login").hidden = true;
      $("report").hidden = false;
      const total = developers.total;
      $("totalSpend").textContent = money(Number(total.costUsd) + Number(total.cursorFeeUsd));
      $("totalNote").textContent = `${from} to ${to}, of which Cursor token fees ${money(total.cursorFeeUsd)}`;
      $("totalRequests").textContent = count(total.requests);
      $("chartTitle").textContent = `Spend per day by ${$("groupBy").selectedOptions[0].textContent.toLowerCase()}`;
      drawChart(daily);
      fillGroups("developers", developers.groups);
      fillGroups("projects", projects.groups.filter((g) => g.value !== "(untagged)"));
      fillBudgets(budgets);
      fillSessions(sessions);
      fillAgents(agents);
      status(`Updated ${new Date().toLocaleTimeString("en-GB")}.`);
      document.body.dataset.loaded = "true";
    } catch (error) {
      status(error.message, true);
      if (error.login) showLogin();
    }
  }

  function showLogin() {
    $("report").hidden = true;
    $("login").hidden = false;
    $("functionKey").focus();
  }

  const today = new Date();
  $("to").value = iso(today);
  $("from").value = iso(new Date(today.getTime() - 29 * 86400000));
  $("controls").addEventListener("submit", (event) => { event.preventDefault(); load(); });
  $("groupBy").addEventListener("change", load);
  $("forget").addEventListener("click", () => { sessionStorage.removeItem(KEY); showLogin(); });
  $("keyForm").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $("functionKey").value.trim());
    $("functionKey").value = "";
    load();
  });
  load();
})();
