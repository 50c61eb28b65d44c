namespace KeyMeter.Core.Notifications;

/// <summary>One label/value line of a <see cref="MessageSection"/>.</summary>
public sealed record MessageFact(string Label, string Value);
