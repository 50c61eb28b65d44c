using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Tests.Budgets;

public sealed class BudgetCounterKeysTests
{
    private const string Key = "key_0123456789abcdef0123";

    [Fact]
    public void Partition_WellFormedKeyId_IsTheKeyId()
    {
        Assert.Equal(Key, BudgetCounterKeys.Partition(Key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key_0123")]
    [InlineData("key_0123456789abcdef012/")]
    [InlineData("KEY_0123456789ABCDEF0123")]
    public void Partition_MalformedKeyId_Throws(string keyId)
    {
        Assert.Throws<ArgumentException>(() => BudgetCounterKeys.Partition(keyId));
    }

    [Fact]
    public void Row_PeriodKeysOfWindows_AreTheRowKeys()
    {
        var now = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

        Assert.Equal("d:2026-11-22", BudgetCounterKeys.Row(BudgetWindow.Containing(BudgetPeriod.Daily, now).Key));
        Assert.Equal("m:2026-11", BudgetCounterKeys.Row(BudgetWindow.Containing(BudgetPeriod.Monthly, now).Key));
    }

    [Theory]
    [InlineData("d:2026-11")]
    [InlineData("m:2026-11-22")]
    [InlineData("w:2026-47")]
    [InlineData("d:2026/11/22")]
    [InlineData("d:2026-1a-22")]
    [InlineData("")]
    public void Row_NotAPeriodKey_Throws(string periodKey)
    {
        Assert.Throws<ArgumentException>(() => BudgetCounterKeys.Row(periodKey));
    }
}
