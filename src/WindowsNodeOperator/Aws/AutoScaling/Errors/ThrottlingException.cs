using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

internal sealed class ThrottlingException(string message, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
    : AutoScalingServiceException(message, errorType, "Throttling", requestId, statusCode);
