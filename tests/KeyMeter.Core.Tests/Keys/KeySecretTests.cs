using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

public sealed class KeySecretTests
{
    [Fact]
    public void Generate_Always_HasPrefixAnd43Base64UrlCharacters()
    {
        var secret = KeySecret.Generate();

        Assert.StartsWith("km_", secret, StringComparison.Ordinal);
        Assert.Equal(46, secret.Length);
        Assert.Matches("^km_[A-Za-z0-9_-]{43}$", secret);
        Assert.True(KeySecret.IsWellFormed(secret));
    }

    [Fact]
    public void Generate_TwoCalls_DifferentSecrets()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => KeySecret.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, secrets.Count);
    }

    [Fact]
    public void Hash_KnownInput_IsLowercaseHexSha256()
    {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", KeySecret.Hash("abc"));
    }

    [Fact]
    public void Hash_DoesNotContainTheSecret()
    {
        var secret = KeySecret.Generate();

        var hash = KeySecret.Hash(secret);

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(secret[3..13], hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("km_")]
    [InlineData("xx_abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq")]
    [InlineData("km_abcdefghijklmnopqrstuvwxyzabcdefghijklmnop")]
    [InlineData("km_abcdefghijklmnopqrstuvwxyzabcdefghijklmno=")]
    [InlineData("km_abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr")]
    public void IsWellFormed_WrongShape_False(string candidate) =>
        Assert.False(KeySecret.IsWellFormed(candidate));
}
