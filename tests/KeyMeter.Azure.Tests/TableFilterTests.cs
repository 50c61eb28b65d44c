using KeyMeter.Azure.Tables;

namespace KeyMeter.Azure.Tests;

public sealed class TableFilterTests
{
    [Fact]
    public void Equal_ValueWithQuotes_DoublesEachQuote()
    {
        Assert.Equal("Name eq 'O''Brien'''", TableFilter.Equal("Name", "O'Brien'"));
    }

    [Fact]
    public void Equal_InjectionAttempt_StaysOneLiteral()
    {
        var filter = TableFilter.Equal("PartitionKey", "x' or PartitionKey ne 'x");

        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne ''x'", filter);
    }

    [Fact]
    public void GreaterThanOrEqualAndLessThan_Strings_UseGeAndLt()
    {
        Assert.Equal("RowKey ge 'a'", TableFilter.GreaterThanOrEqual("RowKey", "a"));
        Assert.Equal("RowKey lt 'b'''", TableFilter.LessThan("RowKey", "b'"));
        Assert.Equal("RowKey ne ''", TableFilter.NotEqual("RowKey", ""));
    }

    [Fact]
    public void And_SeveralClauses_ParenthesizesEach()
    {
        Assert.Equal("(A eq '1') and (B eq '2')", TableFilter.And("A eq '1'", "B eq '2'"));
        Assert.Equal("A eq '1'", TableFilter.And("A eq '1'"));
    }

    [Fact]
    public void And_NoClauseOrEmptyClause_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.And());
        Assert.Throws<ArgumentException>(() => TableFilter.And("A eq '1'", " "));
    }

    [Fact]
    public void PartitionRange_Keys_BuildsHalfOpenRangeInPartition()
    {
        Assert.Equal(
            "(PartitionKey eq 'k''1') and (RowKey ge '2026-01') and (RowKey lt '2026-02')",
            TableFilter.PartitionRange("k'1", "2026-01", "2026-02"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A B")]
    [InlineData("A eq 'x' or B")]
    [InlineData("1A")]
    [InlineData("A'")]
    public void Equal_InvalidPropertyName_Throws(string property)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.Equal(property, "v"));
    }
}
