using KeyMeter.Functions.Hosting;
using Microsoft.AspNetCore.Http;

namespace KeyMeter.Functions.Tests.Hosting;

public sealed class ValidationProblemsTests
{
    [Fact]
    public void Of_Pairs_IsA400WithOneEntryPerNameAndEveryMessageInTheDetail()
    {
        var problem = ValidationProblems.Of("The report query is invalid", ("from", "'from' is not a day."), ("top", null), ("from", "'from' is after 'to'."), (null, "ignored"));

        var details = Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("The report query is invalid", details.Title);
        Assert.Equal(["from"], details.Errors.Keys);
        Assert.Equal(["'from' is not a day.", "'from' is after 'to'."], details.Errors["from"]);
        Assert.Equal("'from' is not a day. 'from' is after 'to'.", details.Detail);
    }

    [Fact]
    public void Of_GroupedMessages_KeepsAGivenDetail()
    {
        var problem = ValidationProblems.Of("The team mapping is invalid", [("line 2", ["no email", "no team"])], "2 error(s); nothing was imported.");

        var details = Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails);
        Assert.Equal(["no email", "no team"], details.Errors["line 2"]);
        Assert.Equal("2 error(s); nothing was imported.", details.Detail);
    }
}
