using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Functions.Tests.Local;

/// <summary>Keeps every formatted log line, for assertions on what is (and is not) logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    /// <summary>Every message and exception as one text, for "never appears in any log" assertions.</summary>
    public string All => string.Join('\n', _lines.Select(line => line.Message + " " + line.Exception));

    public ILogger CreateLogger(string categoryName) => new ListLogger(_lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(eventId.Id, logLevel, formatter(state, exception), exception?.ToString()));
    }
}
