namespace WindowsNodeOperator.Notifications;

/// <summary>One attempt's result; <see cref="Detail"/> is safe to log (a status code or an error kind, never the URL).</summary>
internal sealed record SendResult(SendOutcome Outcome, string Detail, TimeSpan? RetryAfter = null);

internal enum SendOutcome
{
    Delivered,

    /// <summary>The receiver refused the request (4xx other than 408 and 429): sending it again would not help.</summary>
    Rejected,

    /// <summary>A 5xx, 408, 429, a timeout or a connection error.</summary>
    Retry,
}
