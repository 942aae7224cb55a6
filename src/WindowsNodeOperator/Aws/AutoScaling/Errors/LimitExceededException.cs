using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

internal sealed class LimitExceededException(string message, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
    : AutoScalingServiceException(message, errorType, "LimitExceeded", requestId, statusCode);
