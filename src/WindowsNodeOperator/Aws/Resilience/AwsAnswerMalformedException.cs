namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>
/// A call's answer could not be read at all (cut short, not XML or JSON, a result element missing): the call failed,
/// and nothing of the answer is used. Not retried by the pipeline; the look that made the call fails and is retried
/// with backoff.
/// </summary>
internal sealed class AwsAnswerMalformedException(string service, string operation, Exception inner)
    : Exception($"{service}:{operation} answered something that could not be read: {inner.Message}", inner)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;
}
