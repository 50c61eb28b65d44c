using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Tests.Budgets;

public sealed class BudgetGateOptionsValidatorTests
{
    private readonly BudgetGateOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new BudgetGateOptions()).Succeeded);
    }

    [Fact]
    public void Validate_OutOfRange_NamesEverySetting()
    {
        var options = new BudgetGateOptions
        {
            LeaseFraction = 0,
            MinimumReservationUsd = 0m,
            IdleLeaseTimeout = TimeSpan.Zero,
            MaxStorageAttempts = 0,
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(BudgetGateOptions.LeaseFraction), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(BudgetGateOptions.MinimumReservationUsd), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(BudgetGateOptions.IdleLeaseTimeout), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(BudgetGateOptions.MaxStorageAttempts), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaintenanceTooSlowToRenewLeases_Fails()
    {
        var result = _validator.Validate(null, new BudgetGateOptions { LeaseTtl = TimeSpan.FromSeconds(20), MaintenanceInterval = TimeSpan.FromSeconds(10) });

        Assert.True(result.Failed);
        Assert.Contains("LeaseTtl", result.FailureMessage, StringComparison.Ordinal);
    }
}
