package io.albtrace.testsupport;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of another JVM on this machine — a forked server under load — through the JDK's attach
 * API and the platform MBeans: full GCs are asked for over JMX and the heap in use read after them.
 *
 * <pre>{@code
 * try (RemoteHeap heap = RemoteHeap.attach(server.pid())) {
 *   long before = heap.usedAfterGc();
 *   // ... load ...
 *   assertTrue(heap.usedAfterGc() - before < 16 << 20);
 * }
 * }</pre>
 */
public final class RemoteHeap implements AutoCloseable {
  private final JMXConnector connector;
  private final MemoryMXBean memory;

  private RemoteHeap(JMXConnector connector, MemoryMXBean memory) {
    this.connector = connector;
    this.memory = memory;
  }

  /** Attaches to process {@code pid} (same user) and starts its local JMX agent if needed. */
  public static RemoteHeap attach(long pid) throws IOException {
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (com.sun.tools.attach.AttachNotSupportedException e) {
      throw new IOException("cannot attach to " + pid, e);
    }
    JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
        connector.getMBeanServerConnection(), ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    return new RemoteHeap(connector, memory);
  }

  /** Heap in use after full GCs: GCs until it stops falling, at most five. */
  public long usedAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      memory.gc();
      Thread.sleep(100);
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= best) break;
      best = used;
    }
    return best;
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
