namespace WindowsNodeOperator.Aws.Resilience;

internal enum AwsErrorKind
{
    /// <summary>Not worth retrying: bad request, access denied, not found, a caller's cancellation.</summary>
    Permanent,

    /// <summary>The service refused the call to protect itself; it was not performed.</summary>
    Throttled,

    /// <summary>5xx, timeouts, broken connections: retrying may help; whether it was performed is unknown.</summary>
    Transient,
}
