namespace KeyMeter.Core.Notifications;

/// <summary>
/// One titled part of a <see cref="NotificationMessage"/>: paragraphs, then label/value facts, then a table; any of
/// them may be empty.
/// </summary>
/// <param name="Title">The section heading.</param>
/// <param name="Paragraphs">Plain sentences (no markup: each channel escapes them for its format).</param>
/// <param name="Facts">Label/value pairs such as "Spent today" / "$41.20 of $50.00".</param>
/// <param name="Table">A small table (top developers, budgets), or null.</param>
public sealed record MessageSection(
    string Title,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<MessageFact> Facts,
    MessageTable? Table = null);
