using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

public sealed class KeyIdTests
{
    [Fact]
    public void New_Always_IsWellFormed() =>
        Assert.True(KeyId.IsWellFormed(KeyId.New()));

    [Theory]
    [InlineData("key_0123456789abcdef012")]
    [InlineData("key_0123456789ABCDEF0123")]
    [InlineData("kex_0123456789abcdef0123")]
    [InlineData("key_0123456789abcdef01'3")]
    public void IsWellFormed_WrongShape_False(string id) =>
        Assert.False(KeyId.IsWellFormed(id));
}
