namespace WindowsNodeOperator.Cluster;

/// <summary>
/// The Kubernetes API failed a call after retries: it answered with an error (<see cref="StatusCode"/> set) or did not
/// answer at all. Never a PodDisruptionBudget refusal, which is an <see cref="EvictionResult"/>.
/// </summary>
internal sealed class ClusterApiException : Exception
{
    public ClusterApiException()
    {
    }

    public ClusterApiException(string message)
        : base(message)
    {
    }

    public ClusterApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClusterApiException(string message, int? statusCode, string? reason, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status the server answered with; null when it could not be reached.</summary>
    public int? StatusCode { get; }

    /// <summary>The Status reason (NotFound, Conflict, ...), when the server sent one.</summary>
    public string? Reason { get; }
}
