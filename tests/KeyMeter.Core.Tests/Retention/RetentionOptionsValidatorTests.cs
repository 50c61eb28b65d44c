using KeyMeter.Core.Retention;

namespace KeyMeter.Core.Tests.Retention;

public sealed class RetentionOptionsValidatorTests
{
    private readonly RetentionOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new RetentionOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal((14, 400, TimeSpan.FromMinutes(4), 100), (options.MarkerDays, options.AggregateDays, options.MaxRunTime, options.BatchSize));
    }

    [Fact]
    public void Validate_OutOfRange_NamesEverySetting()
    {
        var options = new RetentionOptions { MarkerDays = 0, AggregateDays = 3651, MaxRunTime = TimeSpan.FromSeconds(9), BatchSize = 101 };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("RetentionOptions.MarkerDays", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetentionOptions.AggregateDays", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetentionOptions.MaxRunTime", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetentionOptions.BatchSize", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AggregateDaysBelowMarkerDays_FailsNamingBoth()
    {
        var result = _validator.Validate(null, new RetentionOptions { MarkerDays = 60, AggregateDays = 45 });

        Assert.True(result.Failed);
        Assert.Contains("KeyMeter__Retention__AggregateDays (45) must not be less than KeyMeter__Retention__MarkerDays (60)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AggregateDaysEqualToMarkerDays_Succeeds()
    {
        Assert.True(_validator.Validate(null, new RetentionOptions { MarkerDays = 60, AggregateDays = 60 }).Succeeded);
    }
}
