using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

internal sealed class ServiceLinkedRoleFailureException(string message, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
    : AutoScalingServiceException(message, errorType, "ServiceLinkedRoleFailure", requestId, statusCode);
