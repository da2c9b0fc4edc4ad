import { type AddressInfo, createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of central processes: the load balancer of a resort with
 * several, and the place tests break the network on purpose. `target` picks the process new
 * connections go to; `refuse` drops every connection as it arrives; `cut` ends the open ones.
 */
export class CentralProxy {
  target: string;
  refuse = false;
  private readonly server: Server;
  private readonly open = new Set<Socket>();

  private constructor(target: string) {
    this.target = target;
    this.server = createServer((client) => {
      if (this.refuse) {
        client.destroy();
        return;
      }
      const { hostname, port } = new URL(this.target);
      const upstream = connect({ host: hostname, port: Number(port) });
      for (const socket of [client, upstream]) {
        this.open.add(socket);
        socket.on('close', () => this.open.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  }

  static async start(target: string): Promise<CentralProxy> {
    const proxy = new CentralProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  cut(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
