using System.Text.Json;
using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

public sealed class KeyPatchParserTests
{
    private static (KeyPatch Patch, IDictionary<string, string[]> Errors) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new KeyValidationErrors();
        var patch = KeyPatchParser.Parse(document.RootElement, errors);
        return (patch, errors.ToDictionary());
    }

    [Fact]
    public void Parse_AbsentMembers_LeaveFieldsAbsent()
    {
        var (patch, errors) = Parse("""{"budgets":{"monthly":250.5}}""");

        Assert.Empty(errors);
        Assert.False(patch.DailyBudget.IsPresent);
        Assert.Equal(250.5m, patch.MonthlyBudget.Value);
        Assert.False(patch.Tags.IsPresent);
        Assert.False(patch.Status.IsPresent);
    }

    [Fact]
    public void Parse_NullMembers_ClearFields()
    {
        var (patch, errors) = Parse("""{"budgets":null,"tags":null,"allowedModels":null,"expiresAt":null}""");

        Assert.Empty(errors);
        Assert.True(patch.DailyBudget.IsPresent);
        Assert.Null(patch.DailyBudget.Value);
        Assert.True(patch.MonthlyBudget.IsPresent);
        Assert.True(patch.Tags.IsPresent);
        Assert.Null(patch.Tags.Value);
        Assert.True(patch.AllowedModels.IsPresent);
        Assert.True(patch.ExpiresAt.IsPresent);
    }

    [Fact]
    public void Parse_StatusAndModels_Read()
    {
        var (patch, errors) = Parse("""{"status":"disabled","allowedModels":["gpt-5"],"tags":{"team":"data"},"expiresAt":"2027-01-01T00:00:00Z"}""");

        Assert.Empty(errors);
        Assert.Equal(KeyStatus.Disabled, patch.Status.Value);
        Assert.Equal(["gpt-5"], patch.AllowedModels.Value!);
        Assert.Equal("data", patch.Tags.Value!["team"]);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), patch.ExpiresAt.Value);
    }

    [Theory]
    [InlineData("""{"budget":{"daily":1}}""", "budget")]
    [InlineData("""{"name":"x"}""", "name")]
    [InlineData("""{"status":"revoked"}""", "status")]
    [InlineData("""{"budgets":{"daily":"ten"}}""", "budgets.daily")]
    [InlineData("""{"budgets":{"weekly":1}}""", "budgets.weekly")]
    [InlineData("""{"tags":["a"]}""", "tags")]
    [InlineData("""{"allowedModels":"gpt-5"}""", "allowedModels")]
    [InlineData("""{"expiresAt":"tomorrow"}""", "expiresAt")]
    [InlineData("""[]""", "$")]
    public void Parse_BadMember_NamesTheField(string json, string field) =>
        Assert.Contains(field, Parse(json).Errors.Keys);
}
