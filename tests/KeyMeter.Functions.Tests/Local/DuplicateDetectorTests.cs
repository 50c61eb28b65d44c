using KeyMeter.Functions.Local;

namespace KeyMeter.Functions.Tests.Local;

public sealed class DuplicateDetectorTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAdd_SameIdInsideWindow_IsDuplicate()
    {
        var detector = new DuplicateDetector(TimeSpan.FromMinutes(10));

        Assert.True(detector.TryAdd("m-1", Start));
        Assert.False(detector.TryAdd("m-1", Start.AddMinutes(9)));
        Assert.True(detector.TryAdd("M-1", Start.AddMinutes(9)));
    }

    [Fact]
    public void TryAdd_SameIdAfterWindow_IsAccepted()
    {
        var detector = new DuplicateDetector(TimeSpan.FromMinutes(10));

        Assert.True(detector.TryAdd("m-1", Start));
        Assert.True(detector.TryAdd("m-1", Start.AddMinutes(10)));
        Assert.False(detector.TryAdd("m-1", Start.AddMinutes(11)));
    }

    [Fact]
    public void TryAdd_ZeroWindow_NeverDuplicate()
    {
        var detector = new DuplicateDetector(TimeSpan.Zero);

        Assert.True(detector.TryAdd("m-1", Start));
        Assert.True(detector.TryAdd("m-1", Start));
    }
}
