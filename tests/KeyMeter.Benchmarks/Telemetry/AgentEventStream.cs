using System.Globalization;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// What one exporter's agent logs, deterministic from a seed: turns of <see cref="AgentTurns"/> on a clock that starts at
/// <c>start</c> and moves 20–180 ms per event, a new session every 30–150 model calls (at the start of a turn).
/// <see cref="NextBatch"/> cuts the stream wherever the batch ends, as an exporter's batch processor does every few
/// seconds, mid-turn or not.
/// </summary>
internal sealed class AgentEventStream(TelemetryExporter exporter, DateTimeOffset start, int seed)
{
    private readonly Queue<(LogRecord Record, bool Call)> _pending = new();
    private DateTimeOffset _clock = start;
    private int _callsLeftInSession;

    public TelemetryExporter Exporter => exporter;

    public Random Random { get; } = new(seed);

    /// <summary>The running session's id (Claude Code's and Gemini CLI's <c>session.id</c>, Codex's <c>conversation.id</c>).</summary>
    public string Session { get; private set; } = "";

    /// <summary>The next <paramref name="events"/> events as one export, and how many of them are model calls.</summary>
    public (ExportLogsServiceRequest Request, int Calls) NextBatch(int events)
    {
        while (_pending.Count < events)
        {
            AgentTurns.Append(this);
        }

        var scope = new ScopeLogs { Scope = AgentTurns.Scope(exporter.Agent) };
        var calls = 0;
        for (var i = 0; i < events; i++)
        {
            var (record, call) = _pending.Dequeue();
            scope.LogRecords.Add(record);
            calls += call ? 1 : 0;
        }

        var logs = new ResourceLogs { Resource = AgentTurns.Resource(exporter) };
        logs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(logs);
        return (request, calls);
    }

    /// <summary>Starts a turn: a new session once the last one has had its calls.</summary>
    public void BeginTurn()
    {
        if (_callsLeftInSession <= 0)
        {
            _callsLeftInSession = Random.Next(30, 151);
            Session = NewId();
        }
    }

    /// <summary>Moves the clock on to the next event; its moment as agents write <c>event.timestamp</c>.</summary>
    public string Tick()
    {
        _clock = _clock.AddMilliseconds(Random.Next(20, 181));
        return _clock.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Queues an event at the clock's moment (with a random part of a millisecond); <paramref name="call"/> marks a model call.</summary>
    public void Add(LogRecord record, bool call)
    {
        _callsLeftInSession -= call ? 1 : 0;
        var nanos = ((ulong)_clock.ToUnixTimeMilliseconds() * 1_000_000UL) + (ulong)Random.Next(1_000_000);
        record.TimeUnixNano = nanos;
        record.ObservedTimeUnixNano = nanos + (ulong)Random.Next(1_000_000);
        _pending.Enqueue((record, call));
    }

    /// <summary>A random UUID, as agents name sessions, prompts and tool calls.</summary>
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
