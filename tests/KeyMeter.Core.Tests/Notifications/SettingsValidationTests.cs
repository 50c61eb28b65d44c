using KeyMeter.Core.Alerts;
using KeyMeter.Core.Digests;
using KeyMeter.Core.Notifications;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>The start-up checks of the notification, alert and digest settings: each bad value named in its env-var form.</summary>
public sealed class SettingsValidationTests
{
    private static string? Failure<T>(IValidateOptions<T> validator, T options)
        where T : class
    {
        var result = validator.Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void Notifications_Defaults_Valid() => Assert.Null(Failure(new NotificationOptionsValidator(), new NotificationOptions()));

    [Theory]
    [InlineData("ftp://dashboard.example", null, null, null, "KeyMeter__Notifications__DashboardUrl")]
    [InlineData(null, "https://x.communication.azure.com", "smtp.example.com", "a@example.com", "not both")]
    [InlineData(null, "http://x.communication.azure.com", null, "a@example.com", "must be an https URL")]
    [InlineData(null, "https://x.communication.azure.com", "", "a@example.com", null)]
    [InlineData(null, "http://127.0.0.1:8080/", null, "a@example.com", null)]
    [InlineData(null, "https://x.communication.azure.com", null, null, "Email__Sender must be an email address")]
    [InlineData(null, null, "smtp.example.com", "not-an-address", "Email__Sender must be an email address")]
    public void Notifications_BadEmailOrDashboard_NamesTheSetting(string? dashboard, string? acs, string? smtp, string? sender, string? expected)
    {
        var options = new NotificationOptions
        {
            DashboardUrl = dashboard is null ? null : new Uri(dashboard),
            Email = new EmailOptions { AcsEndpoint = acs is null ? null : new Uri(acs), SmtpHost = smtp, Sender = sender },
        };

        var failure = Failure(new NotificationOptionsValidator(), options);
        if (expected is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains(expected, failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Notifications_BadRecipient_QuotesIt()
    {
        var options = new NotificationOptions { Email = new EmailOptions { Recipients = "lead@example.com; finance" } };

        Assert.Contains("Email__Recipients holds 'finance'", Failure(new NotificationOptionsValidator(), options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50,80,100", null)]
    [InlineData("100", null)]
    [InlineData("80,50", "ascending")]
    [InlineData("50,50", "ascending")]
    [InlineData("0,50", "ascending")]
    [InlineData("50%,80%", "ascending")]
    [InlineData("", "ascending")]
    public void Alerts_Thresholds(string thresholds, string? expected)
    {
        var failure = Failure(new AlertOptionsValidator(), new AlertOptions { Thresholds = thresholds });

        if (expected is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains("KeyMeter__Alerts__Thresholds", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Digests_UnknownTimeZone_NamesIt()
    {
        var failure = Failure(new DigestOptionsValidator(), new DigestOptions { TimeZone = "Mars/Olympus" });

        Assert.Contains("KeyMeter__Digests__TimeZone", failure, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Digests_EmptyNightOrHourOutOfRange_Refused()
    {
        Assert.Contains("must differ", Failure(new DigestOptionsValidator(), new DigestOptions { NightStartHour = 3, NightEndHour = 3 }), StringComparison.Ordinal);
        Assert.NotNull(Failure(new DigestOptionsValidator(), new DigestOptions { NightStartHour = 24 }));
        Assert.NotNull(Failure(new DigestOptionsValidator(), new DigestOptions { TopCount = 0 }));
        Assert.Null(Failure(new DigestOptionsValidator(), new DigestOptions { TimeZone = "Europe/Berlin" }));
    }
}
