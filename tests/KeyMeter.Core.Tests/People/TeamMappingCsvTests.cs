using System.Globalization;
using System.Text;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Tests.People;

public sealed class TeamMappingCsvTests
{
    private static TeamAssignment A(string email, string team) => new(email, team);

    [Fact]
    public void Parse_HeaderAndRows_AssignmentsInFileOrder()
    {
        var result = TeamMappingCsv.Parse("email,team\nalice@example.com,platform\nbob@example.com,payments\n");

        Assert.True(result.IsValid);
        Assert.Equal([A("alice@example.com", "platform"), A("bob@example.com", "payments")], result.Assignments);
    }

    [Fact]
    public void Parse_NoHeader_FirstLineIsData()
    {
        var result = TeamMappingCsv.Parse("alice@example.com,platform");

        Assert.Equal([A("alice@example.com", "platform")], result.Assignments);
    }

    [Fact]
    public void Parse_HeaderTeamFirst_ColumnsSwapped()
    {
        var result = TeamMappingCsv.Parse(" Team , EMAIL \r\nplatform,alice@example.com\r\n");

        Assert.Equal([A("alice@example.com", "platform")], result.Assignments);
    }

    [Fact]
    public void Parse_BomCrlfBlankLinesAndSpaces_NormalisedAssignments()
    {
        var result = TeamMappingCsv.Parse("\uFEFFEmail,Team\r\n\r\n  Alice@Example.COM , Platform \r\n,\r\n   \r\nbob@example.com,payments");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([A("alice@example.com", "Platform"), A("bob@example.com", "payments")], result.Assignments);
    }

    [Fact]
    public void Parse_QuotedCells_CommasQuotesAndLineBreaksKept()
    {
        var result = TeamMappingCsv.Parse("\"alice@example.com\",\"Platform, \"\"Core\"\"\"\n\"bob@example.com\",\"R&D\nEMEA\"\ncarol@example.com,search\n");

        // A line break in a team is a control character: refused, on the line where that record starts.
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(TeamMapping.InvalidTeam, error.Message);
        Assert.Empty(result.Assignments);

        var good = TeamMappingCsv.Parse("\"alice@example.com\",\"Platform, \"\"Core\"\"\"\r\n\"bob@example.com\",payments");
        Assert.Equal([A("alice@example.com", "Platform, \"Core\""), A("bob@example.com", "payments")], good.Assignments);
    }

    [Fact]
    public void Parse_QuotedCellOverLines_LaterLineNumbersCountThem()
    {
        var result = TeamMappingCsv.Parse("\"a\nb\nc\",x\nnot-an-email,platform\n");

        Assert.Equal([1, 4], result.Errors.Select(error => error.Line));
    }

    [Fact]
    public void Parse_BadLines_EveryErrorWithItsLineAndNothingElse()
    {
        var text = string.Join('\n',
            "email,team",
            "alice@example.com,platform",
            "not-an-email,platform",
            "bob@example.com,",
            "carol@example.com,search,extra",
            "ALICE@example.com,payments",
            "dave@example.com,\"unclosed");

        var result = TeamMappingCsv.Parse(text);

        Assert.False(result.IsValid);
        Assert.Empty(result.Assignments);
        Assert.Equal([3, 4, 5, 6, 7], result.Errors.Select(error => error.Line));
        Assert.Equal(TeamMapping.InvalidEmail, result.Errors[0].Message);
        Assert.Equal(TeamMapping.InvalidTeam, result.Errors[1].Message);
        Assert.Contains("found 3", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("already on line 2", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("not closed", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BothCellsBad_TwoErrorsOnTheLine()
    {
        var result = TeamMappingCsv.Parse("alice@example.com,platform\nnope,\n");

        Assert.Equal([(2, TeamMapping.InvalidEmail), (2, TeamMapping.InvalidTeam)], result.Errors.Select(error => (error.Line, error.Message)));
    }

    [Fact]
    public void Parse_TextAfterClosingQuote_ErrorAndNextLineStillRead()
    {
        var result = TeamMappingCsv.Parse("\"alice@example.com\"x,platform\nnot-an-email,platform\nbob@example.com,payments");

        Assert.Equal([1, 2], result.Errors.Select(error => error.Line));
        Assert.Contains("closing double quote", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnrecognisedHeader_FirstLineErrorSaysWhatAHeaderIs()
    {
        var result = TeamMappingCsv.Parse("Email Address,Team Name\nalice@example.com,platform\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("header row must be email,team", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeaderNotFirst_IsData()
    {
        var result = TeamMappingCsv.Parse("alice@example.com,platform\nemail,team\n");

        Assert.Equal(2, Assert.Single(result.Errors).Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("email,team\r\n")]
    [InlineData("\n\n ,\n")]
    public void Parse_NoRows_Error(string text)
    {
        var result = TeamMappingCsv.Parse(text);

        Assert.Contains("no rows", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaxRows_Accepted()
    {
        var result = TeamMappingCsv.Parse(Rows(TeamMappingCsv.MaxRows, withHeader: true));

        Assert.True(result.IsValid);
        Assert.Equal(TeamMappingCsv.MaxRows, result.Assignments.Count);
    }

    [Fact]
    public void Parse_OneRowTooMany_RejectedWhole()
    {
        var result = TeamMappingCsv.Parse(Rows(TeamMappingCsv.MaxRows + 1, withHeader: true));

        var error = Assert.Single(result.Errors);
        Assert.Equal(TeamMappingCsv.MaxRows + 2, error.Line);
        Assert.Contains("more than 10000 rows", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Assignments);
    }

    [Fact]
    public void Parse_EveryLineBad_ErrorsCapped()
    {
        var text = string.Concat(Enumerable.Repeat("nope,platform\n", 500));

        var result = TeamMappingCsv.Parse(text);

        Assert.Equal(TeamMappingCsv.MaxErrors + 1, result.Errors.Count);
        Assert.Contains("Stopped after", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    private static string Rows(int count, bool withHeader)
    {
        var text = new StringBuilder(withHeader ? "email,team\n" : string.Empty);
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dev{i}@example.com,team{i % 7}\n");
        }

        return text.ToString();
    }
}
