using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Budgets;

/// <summary>Checks <see cref="BudgetGateOptions"/> at start (source-generated from its annotations).</summary>
[OptionsValidator]
public sealed partial class BudgetGateOptionsValidator : IValidateOptions<BudgetGateOptions>;
