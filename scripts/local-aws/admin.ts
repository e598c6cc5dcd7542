/**
 * The admin API, outside every AWS API's paths (`/__admin/...`, JSON in and out):
 *   GET    /__admin/health                 → {ok: true}
 *   GET    /__admin/calls                  → {"ssm.GetParameter": 3, ...}
 *   GET    /__admin/faults                 → [rules]
 *   GET    /__admin/faults/injected        → {"throttle": 12, "latency": 40, ...}
 *   POST   /__admin/faults                 {service?, operation?, kind, probability?, count?, latencyMs?} → rule
 *   DELETE /__admin/faults                 → clears rules
 *   POST   /__admin/build-failures         {pipeline, image?, step, reason, region?}
 *   POST   /__admin/ec2/images             {region, name, imageId?, tags?, platform?, architecture?, state?} → the image
 *   DELETE /__admin/ec2/images             {region, imageId}: the owner deregistered it → {deregistered}
 *   POST   /__admin/public-images          {region, image}: AWS publishes a new AMI of a managed
 *                                          image (e.g. amazon-linux-2023-arm64); its public SSM
 *                                          parameters get a new version → {ami, parameters}
 *   GET    /__admin/decisions              → [authorization decisions, oldest first]
 *   DELETE /__admin/decisions              → clears them
 *   POST   /__admin/image-scans            {pipeline, region?, image?, findings?, status?, reason?, collectMs?}
 *                                          (services/imagebuilder/scans.ts ScanRule)
 *   POST   /__admin/inspector              {region, enabled}: Amazon Inspector activated or not
 *   GET    /__admin/state                  → the whole state
 *   POST   /__admin/reset                  → empty state, no faults, calls zeroed
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule } from './faults.js';
import type { BuildFailure } from './types.js';
import type { Ec2Image } from './services/ec2.js';
import type { EmulatorState } from './state.js';
import type { DecisionRecord } from './authz/decisions.js';
import type { ScanRule } from './services/imagebuilder/scans.js';

export interface Admin {
  calls(): Record<string, number>;
  faults(): FaultRule[];
  /** Fault kind → calls it answered (latency: calls it delayed). */
  injected(): Record<string, number>;
  addFault(rule: FaultRule): FaultRule;
  clearFaults(): void;
  failBuild(failure: BuildFailure): void;
  seedImage(
    region: string,
    image: {
      name: string;
      imageId?: string;
      tags?: Record<string, string>;
      platform?: string;
      architecture?: string;
      ownerId?: string;
      state?: Ec2Image['state'];
    },
  ): Ec2Image;
  /** The owner deregisters an AMI (e.g. while SSM validates it); false when there was none. */
  deregisterImage(region: string, imageId: string): boolean;
  /** AWS publishes a new AMI of a managed image in `region` (services/ssm/public.ts). */
  publishPublicImage(region: string, image: string): { ami: Ec2Image; parameters: string[] };
  /** Authorization decisions (principal, action, resource, outcome, deciding statements). */
  decisions(): DecisionRecord[];
  clearDecisions(): void;
  /** Scripted scan findings or outcome for a pipeline's builds. */
  scanRule(rule: ScanRule): void;
  setInspector(region: string, enabled: boolean): void;
  dump(): EmulatorState;
  reset(): void;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? {}));
}

export function handleAdmin(
  admin: Admin,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): void {
  const path = (req.url ?? '').split('?')[0]!.replace(/^\/__admin/, '');
  const route = `${req.method} ${path}`;
  try {
    const json = body.trim() ? (JSON.parse(body) as Record<string, unknown>) : {};
    switch (route) {
      case 'GET /health':
        return send(res, 200, { ok: true });
      case 'GET /calls':
        return send(res, 200, admin.calls());
      case 'GET /faults':
        return send(res, 200, admin.faults());
      case 'GET /faults/injected':
        return send(res, 200, admin.injected());
      case 'POST /faults':
        return send(res, 200, admin.addFault(json as unknown as FaultRule));
      case 'DELETE /faults':
        admin.clearFaults();
        return send(res, 200, {});
      case 'POST /build-failures': {
        if (
          typeof json['pipeline'] !== 'string' ||
          typeof json['step'] !== 'string' ||
          typeof json['reason'] !== 'string'
        ) {
          return send(res, 400, { message: 'pipeline, step and reason are required strings' });
        }
        admin.failBuild(json as unknown as BuildFailure);
        return send(res, 200, {});
      }
      case 'POST /ec2/images': {
        if (typeof json['region'] !== 'string' || typeof json['name'] !== 'string')
          return send(res, 400, { message: 'region and name are required' });
        return send(res, 200, admin.seedImage(json['region'], json as unknown as { name: string }));
      }
      case 'DELETE /ec2/images':
        if (typeof json['region'] !== 'string' || typeof json['imageId'] !== 'string')
          return send(res, 400, { message: 'region and imageId are required strings' });
        return send(res, 200, {
          deregistered: admin.deregisterImage(json['region'], json['imageId']),
        });
      case 'POST /public-images':
        if (typeof json['region'] !== 'string' || typeof json['image'] !== 'string')
          return send(res, 400, {
            message: 'region and image (an Amazon-managed image name) are required strings',
          });
        return send(res, 200, admin.publishPublicImage(json['region'], json['image']));
      case 'GET /decisions':
        return send(res, 200, admin.decisions());
      case 'DELETE /decisions':
        admin.clearDecisions();
        return send(res, 200, {});
      case 'POST /image-scans':
        if (typeof json['pipeline'] !== 'string')
          return send(res, 400, { message: 'pipeline is required (a pipeline name or ARN)' });
        admin.scanRule(json as unknown as ScanRule);
        return send(res, 200, {});
      case 'POST /inspector':
        if (typeof json['region'] !== 'string' || typeof json['enabled'] !== 'boolean')
          return send(res, 400, { message: 'region (string) and enabled (boolean) are required' });
        admin.setInspector(json['region'], json['enabled']);
        return send(res, 200, {});
      case 'GET /state':
        return send(res, 200, admin.dump());
      case 'POST /reset':
        admin.reset();
        return send(res, 200, {});
      default:
        return send(res, 404, { message: `no admin route ${route}` });
    }
  } catch (e) {
    return send(res, 400, { message: (e as Error).message });
  }
}
