namespace KeyMeter.Core.Reports;

/// <summary>The budgets of every usable key on <see cref="Day"/>, closest to its limit first.</summary>
public sealed record BudgetStatusReport(DateOnly Day, IReadOnlyList<KeyBudgetStatus> Keys);
