namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>A failure the simulated AWS API can inject into a call.</summary>
public enum FaultKind
{
    /// <summary>The service's throttling error, before the request is processed.</summary>
    Throttling,

    /// <summary>HTTP 500 <c>InternalFailure</c>, before the request is processed.</summary>
    InternalError,

    /// <summary>HTTP 503 <c>ServiceUnavailable</c>, before the request is processed.</summary>
    ServiceUnavailable,

    /// <summary>The request is processed but its response is lost: the caller sees a timeout.</summary>
    Timeout,

    /// <summary>
    /// The connection is closed before the request is processed, with no answer (a reset by a load balancer): the
    /// caller sees what <see cref="Timeout"/> gives and cannot tell that nothing happened.
    /// </summary>
    ConnectionReset,

    /// <summary>The request is processed and no answer ever comes: the caller's own timeout ends the attempt.</summary>
    NoAnswer,

    /// <summary>IAM denies the call: <c>UnauthorizedOperation</c> (EC2, 403), <c>AccessDeniedException</c> (SSM, 400), <c>AccessDenied</c> (Auto Scaling, 403).</summary>
    AccessDenied,
}
