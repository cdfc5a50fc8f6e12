using System.Collections.Concurrent;

namespace RealApi.Mediation;

// A small in-app mediator shaped like MediatR: requests, one handler each, open-generic pipeline behaviors around it,
// handlers found by scanning the assembly. Real APIs route most of their calls through such a layer of small methods.

public interface IRequest<TResponse>;

public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancel);
}

public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

public interface IPipelineBehavior<in TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancel);
}

public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancel = default);
}

public sealed class Mediator(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, object> Wrappers = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wrapper = (RequestWrapper<TResponse>)Wrappers.GetOrAdd(request.GetType(), CreateWrapper<TResponse>);
        return wrapper.Handle(request, services, cancel);
    }

    private static object CreateWrapper<TResponse>(Type requestType) =>
        Activator.CreateInstance(typeof(RequestWrapper<,>).MakeGenericType(requestType, typeof(TResponse)))!;
}

internal abstract class RequestWrapper<TResponse>
{
    public abstract Task<TResponse> Handle(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancel);
}

internal sealed class RequestWrapper<TRequest, TResponse> : RequestWrapper<TResponse> where TRequest : IRequest<TResponse>
{
    public override Task<TResponse> Handle(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancel)
    {
        var typed = (TRequest)request;
        var handler = services.GetRequiredService<IRequestHandler<TRequest, TResponse>>();
        RequestHandlerDelegate<TResponse> pipeline = () => handler.Handle(typed, cancel);
        foreach (var behavior in services.GetServices<IPipelineBehavior<TRequest, TResponse>>().Reverse())
        {
            var next = pipeline;
            pipeline = () => behavior.Handle(typed, next, cancel);
        }

        return pipeline();
    }
}

public static class MediatorServiceCollectionExtensions
{
    public static IServiceCollection AddMediator(this IServiceCollection services, params Type[] behaviors)
    {
        services.AddScoped<ISender, Mediator>();
        var handlers = typeof(Mediator).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false })
            .SelectMany(type => type.GetInterfaces().Select(contract => (type, contract)))
            .Where(pair => pair.contract.IsGenericType && pair.contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>));
        foreach (var (type, contract) in handlers) services.AddScoped(contract, type);
        foreach (var behavior in behaviors) services.AddScoped(typeof(IPipelineBehavior<,>), behavior);
        return services;
    }
}
