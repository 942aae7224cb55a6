using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>A recurring window, opening at each match of a five-field cron schedule in a time zone.</summary>
public sealed class MaintenanceWindow
{
    public const string DefaultTimeZone = "UTC";

    /// <summary>Five-field cron: minute hour day-of-month month day-of-week.</summary>
    [JsonPropertyName("schedule")]
    public string Schedule { get; set; } = string.Empty;

    /// <summary>A <see cref="PolicyDuration"/> string: how long the window stays open.</summary>
    [JsonPropertyName("duration")]
    public string Duration { get; set; } = string.Empty;

    /// <summary>An IANA time zone name.</summary>
    [JsonPropertyName("timeZone")]
    public string TimeZone { get; set; } = DefaultTimeZone;
}
