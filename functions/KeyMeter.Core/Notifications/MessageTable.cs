namespace KeyMeter.Core.Notifications;

/// <summary>A small table of a <see cref="MessageSection"/>: every row has one cell per column.</summary>
public sealed record MessageTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
