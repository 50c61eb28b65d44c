using Microsoft.Extensions.Logging;

namespace KeyMeter.Functions.Tests.Local;

internal sealed record LogLine(int EventId, LogLevel Level, string Message, string? Exception = null);
