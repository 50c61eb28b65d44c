using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

public sealed class KeyTableLayoutTests
{
    [Fact]
    public void KeyRows_Range_ContainsKeyRowsOnly()
    {
        var (from, to) = KeyTableLayout.KeyRows();
        var key = KeyTableLayout.KeyRow("key_0123456789abcdef0123");

        Assert.InRange(string.CompareOrdinal(key, from), 0, int.MaxValue);
        Assert.True(string.CompareOrdinal(key, to) < 0);
        foreach (var other in new[] { KeyTableLayout.HashRow("ab"), KeyTableLayout.NameRow("x"), KeyTableLayout.AuditRow("key_0123456789abcdef0123", DateTimeOffset.UnixEpoch, "s") })
        {
            Assert.False(string.CompareOrdinal(other, from) >= 0 && string.CompareOrdinal(other, to) < 0, other);
        }
    }

    [Fact]
    public void AuditRow_LaterEntry_SortsFirst()
    {
        var at = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        var earlier = KeyTableLayout.AuditRow("key_a", at, "0");
        var later = KeyTableLayout.AuditRow("key_a", at.AddSeconds(1), "0");

        Assert.True(string.CompareOrdinal(later, earlier) < 0);
        var (from, to) = KeyTableLayout.AuditRows("key_a");
        Assert.True(string.CompareOrdinal(later, from) >= 0 && string.CompareOrdinal(earlier, to) < 0);
        Assert.False(string.CompareOrdinal(KeyTableLayout.AuditRow("key_ab", at, "0"), from) >= 0
            && string.CompareOrdinal(KeyTableLayout.AuditRow("key_ab", at, "0"), to) < 0);
    }

    [Fact]
    public void NameRow_CaseAndSpacesAndForbiddenCharacters_NormalisedAndSafe()
    {
        Assert.Equal(KeyTableLayout.NameRow("Alice/Laptop #1"), KeyTableLayout.NameRow("  alice/laptop #1 "));
        Assert.DoesNotMatch("[/\\\\#?]", KeyTableLayout.NameRow("Alice/Laptop #1?"));
    }
}
