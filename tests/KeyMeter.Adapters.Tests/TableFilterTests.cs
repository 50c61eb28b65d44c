using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

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
    public void Or_SeveralClauses_ParenthesizesEachInsideAnd()
    {
        Assert.Equal("(A eq '1') or (B eq '2') or (C eq '3')", TableFilter.Or("A eq '1'", "B eq '2'", "C eq '3'"));
        Assert.Equal("A eq '1'", TableFilter.Or("A eq '1'"));
        Assert.Equal("(P eq 'p') and ((A eq '1') or (A eq '2'))", TableFilter.And("P eq 'p'", TableFilter.Or("A eq '1'", "A eq '2'")));
    }

    [Fact]
    public void Or_NoClauseOrEmptyClause_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Or());
        Assert.Throws<ArgumentException>(() => TableFilter.Or("A eq '1'", ""));
    }

    [Theory]
    [InlineData(3, "Bucket eq 3")]
    [InlineData(0, "Bucket eq 0")]
    [InlineData(-12, "Bucket eq -12")]
    public void Equal_Int32_WritesUnquotedLiteral(int value, string expected)
    {
        Assert.Equal(expected, TableFilter.Equal("Bucket", value));
    }

    [Fact]
    public void Equal_Int32InvalidPropertyName_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.Equal("Bucket eq 1 or X", 1));
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
