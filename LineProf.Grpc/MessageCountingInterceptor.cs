using Grpc.Core;
using Grpc.Core.Interceptors;
using LineProf.Collection;

namespace LineProf.Grpc
{
    /// <summary>
    /// Counts the messages each gRPC call receives and sends onto the call's profiled request (<c>messagesIn</c>,
    /// <c>messagesOut</c>). A call is one HTTP/2 request, which the middleware already profiles under its service
    /// method; what only gRPC knows is how many messages crossed its streams, which is what tells a stream that sent
    /// 10,000 small messages from one that sent 3 large ones.
    /// </summary>
    /// <remarks>
    /// A server interceptor, because it is the one place that sees a call's own streams: gRPC's EventSource counters
    /// (<c>Grpc.AspNetCore.Server</c>'s messages-sent and -received) and its <c>DiagnosticListener</c> activity are
    /// process-wide or carry no per-message event, so they cannot say which call a message belonged to. The interceptor
    /// runs on the call's flow, inside the request the middleware began, so the request it counts onto is the right one
    /// whatever thread resumes the call. It wraps the request stream's reader and the response stream's writer; a call
    /// whose request the selection did not choose goes through untouched.
    /// </remarks>
    internal sealed class MessageCountingInterceptor : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
            UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var profiled = LineProfiler.ProfiledRequest;
            return profiled == null ? continuation(request, context) : Counted(profiled, request, context, continuation);

            static async Task<TResponse> Counted(ActiveRequest profiled, TRequest request, ServerCallContext context,
                UnaryServerMethod<TRequest, TResponse> continuation)
            {
                long sent = 0;
                try
                {
                    var response = await continuation(request, context).ConfigureAwait(false);
                    sent = 1;
                    return response;
                }
                finally
                {
                    profiled.CountMessages(1, sent);
                }
            }
        }

        public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
            ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        {
            var profiled = LineProfiler.ProfiledRequest;
            if (profiled == null) return await continuation(requestStream, context).ConfigureAwait(false);
            var reader = new CountingReader<TRequest>(requestStream);
            long sent = 0;
            try
            {
                var response = await continuation(reader, context).ConfigureAwait(false);
                sent = 1;
                return response;
            }
            finally
            {
                profiled.CountMessages(reader.Count, sent);
            }
        }

        public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
            ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            var profiled = LineProfiler.ProfiledRequest;
            if (profiled == null)
            {
                await continuation(request, responseStream, context).ConfigureAwait(false);
                return;
            }

            var writer = new CountingWriter<TResponse>(responseStream);
            try
            {
                await continuation(request, writer, context).ConfigureAwait(false);
            }
            finally
            {
                profiled.CountMessages(1, writer.Count);
            }
        }

        public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
            IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        {
            var profiled = LineProfiler.ProfiledRequest;
            if (profiled == null)
            {
                await continuation(requestStream, responseStream, context).ConfigureAwait(false);
                return;
            }

            var reader = new CountingReader<TRequest>(requestStream);
            var writer = new CountingWriter<TResponse>(responseStream);
            try
            {
                await continuation(reader, writer, context).ConfigureAwait(false);
            }
            finally
            {
                profiled.CountMessages(reader.Count, writer.Count);
            }
        }

        /// <summary>The request stream, counting each message read. gRPC allows one read at a time, so a plain count does.</summary>
        private sealed class CountingReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
        {
            private long _count;

            internal long Count => Volatile.Read(ref _count);

            public T Current => inner.Current;

            public Task<bool> MoveNext(CancellationToken cancellationToken)
            {
                var next = inner.MoveNext(cancellationToken);
                if (!next.IsCompletedSuccessfully) return Counted(next);
                if (next.Result) _count++;
                return next;
            }

            private async Task<bool> Counted(Task<bool> next)
            {
                bool moved = await next.ConfigureAwait(false);
                if (moved) _count++;
                return moved;
            }
        }

        /// <summary>
        /// The response stream, counting each message written. gRPC allows one write at a time; a write that fails (the
        /// client left) is not counted as sent.
        /// </summary>
        private sealed class CountingWriter<T>(IServerStreamWriter<T> inner) : IServerStreamWriter<T>
        {
            private long _count;

            internal long Count => Volatile.Read(ref _count);

            public WriteOptions? WriteOptions
            {
                get => inner.WriteOptions;
                set => inner.WriteOptions = value;
            }

            public Task WriteAsync(T message) => Counted(inner.WriteAsync(message));

            /// <summary>
            /// Newer Grpc.Core.Api versions add this overload, with a default that refuses a cancellable token; implemented here
            /// (implicitly, so the type still loads beside an older Grpc.Core.Api without it) to pass the token on.
            /// </summary>
            public Task WriteAsync(T message, CancellationToken cancellationToken) => Counted(inner.WriteAsync(message, cancellationToken));

            private Task Counted(Task write)
            {
                if (write.IsCompletedSuccessfully)
                {
                    _count++;
                    return write;
                }

                return CountedAsync(write);
            }

            private async Task CountedAsync(Task write)
            {
                await write.ConfigureAwait(false);
                _count++;
            }
        }
    }
}
