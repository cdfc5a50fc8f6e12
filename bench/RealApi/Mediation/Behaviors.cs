using System.Diagnostics;

namespace RealApi.Mediation;

/// <summary>Checks a request before its handler runs, with every validator registered for its type.</summary>
public interface IValidator<in TRequest>
{
    IEnumerable<ValidationError> Validate(TRequest request);
}

public sealed record ValidationError(string Field, string Message);

public sealed class ValidationFailedException(IReadOnlyList<ValidationError> errors) : Exception("The request is not valid.")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    public Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancel)
    {
        var errors = validators.SelectMany(validator => validator.Validate(request)).ToList();
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return next();
    }
}

public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        if (logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("{Request} handled in {Elapsed} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }
}
