// Every lint rule, one file each (the file name is the rule id). Keep sorted.
import type { Rule } from '../types.js';
import { rule as annotationNoEffect } from './annotation-no-effect.js';
import { rule as annotationValue } from './annotation-value.js';
import { rule as authSecret } from './auth-secret.js';
import { rule as authSecretUser } from './auth-secret-user.js';
import { rule as canaryIngress } from './canary-ingress.js';
import { rule as crdValidation } from './crd-validation.js';
import { rule as deprecatedApi } from './deprecated-api.js';
import { rule as deprecatedClassAnnotation } from './deprecated-class-annotation.js';
import { rule as duplicateDefaultBackend } from './duplicate-default-backend.js';
import { rule as duplicateRoute } from './duplicate-route.js';
import { rule as foreignAnnotation } from './foreign-annotation.js';
import { rule as gatewayBackendRef } from './gateway-backend-ref.js';
import { rule as gatewayCorsHeaderModifier } from './gateway-cors-header-modifier.js';
import { rule as gatewayInvalidFilter } from './gateway-invalid-filter.js';
import { rule as gatewayInvalidMatch } from './gateway-invalid-match.js';
import { rule as gatewayListenerConflict } from './gateway-listener-conflict.js';
import { rule as gatewayParentRef } from './gateway-parent-ref.js';
import { rule as gatewayRefNotPermitted } from './gateway-ref-not-permitted.js';
import { rule as gatewayRouteConflict } from './gateway-route-conflict.js';
import { rule as gatewayRouteHostname } from './gateway-route-hostname.js';
import { rule as gatewayRouteNotAllowed } from './gateway-route-not-allowed.js';
import { rule as gatewayUnsupported } from './gateway-unsupported.js';
import { rule as ingressBackend } from './ingress-backend.js';
import { rule as ingressClassName } from './ingress-class-name.js';
import { rule as ingressHost } from './ingress-host.js';
import { rule as ingressPath } from './ingress-path.js';
import { rule as ingressSpec } from './ingress-spec.js';
import { rule as ingressTlsSecretName } from './ingress-tls-secret-name.js';
import { rule as ingressclassController } from './ingressclass-controller.js';
import { rule as ingressclassParameters } from './ingressclass-parameters.js';
import { rule as invalidHost } from './invalid-host.js';
import { rule as invalidBackend } from './invalid-backend.js';
import { rule as invalidIgnore } from './invalid-ignore.js';
import { rule as invalidInput } from './invalid-input.js';
import { rule as invalidPath } from './invalid-path.js';
import { rule as affinityCookiePath } from './affinity-cookie-path.js';
import { rule as targetUnsafeValue } from './target-unsafe-value.js';
import { rule as targetUnsupported } from './target-unsupported.js';
import { rule as targetApproximate } from './target-approximate.js';
import { rule as metadataKeys } from './metadata-keys.js';
import { rule as multipleDefaultClasses } from './multiple-default-classes.js';
import { rule as noIngressClass } from './no-ingress-class.js';
import { rule as objectDefinedTwice } from './object-defined-twice.js';
import { rule as objectName } from './object-name.js';
import { rule as pathCharacters } from './path-characters.js';
import { rule as plainHttpOnly } from './plain-http-only.js';
import { rule as prefixTrailingSlash } from './prefix-trailing-slash.js';
import { rule as regexContagion } from './regex-contagion.js';
import { rule as regexInPlainPath } from './regex-in-plain-path.js';
import { rule as removedAnnotation } from './removed-annotation.js';
import { rule as removedApi } from './removed-api.js';
import { rule as resourceBackend } from './resource-backend.js';
import { rule as rewriteTargetCapture } from './rewrite-target-capture.js';
import { rule as schema } from './schema.js';
import { rule as serviceNotFound } from './service-not-found.js';
import { rule as servicePortNotFound } from './service-port-not-found.js';
import { rule as servicePortUnresolved } from './service-port-unresolved.js';
import { rule as servicePorts } from './service-ports.js';
import { rule as serviceSpec } from './service-spec.js';
import { rule as servicesNotGiven } from './services-not-given.js';
import { rule as shadowedRoute } from './shadowed-route.js';
import { rule as snippetAnnotation } from './snippet-annotation.js';
import { rule as targetApproximateAnnotation } from './target-approximate-annotation.js';
import { rule as targetUnsupportedAnnotation } from './target-unsupported-annotation.js';
import { rule as templateFile } from './template-file.js';
import { rule as tlsCertExpired } from './tls-cert-expired.js';
import { rule as tlsCertExpiring } from './tls-cert-expiring.js';
import { rule as tlsCertHost } from './tls-cert-host.js';
import { rule as tlsHostWithoutRule } from './tls-host-without-rule.js';
import { rule as tlsKeyMismatch } from './tls-key-mismatch.js';
import { rule as tlsSecretData } from './tls-secret-data.js';
import { rule as tlsSecretInvalid } from './tls-secret-invalid.js';
import { rule as tlsSecretNotFound } from './tls-secret-not-found.js';
import { rule as unknownAnnotation } from './unknown-annotation.js';
import { rule as unknownIngressClass } from './unknown-ingress-class.js';
import { rule as yamlAmbiguity } from './yaml-ambiguity.js';
import { rule as yamlSyntax } from './yaml-syntax.js';

export const RULES: readonly Rule[] = [
  annotationNoEffect,
  annotationValue,
  authSecret,
  authSecretUser,
  canaryIngress,
  crdValidation,
  deprecatedApi,
  deprecatedClassAnnotation,
  duplicateDefaultBackend,
  duplicateRoute,
  foreignAnnotation,
  gatewayBackendRef,
  gatewayCorsHeaderModifier,
  gatewayInvalidFilter,
  gatewayInvalidMatch,
  gatewayListenerConflict,
  gatewayParentRef,
  gatewayRefNotPermitted,
  gatewayRouteConflict,
  gatewayRouteHostname,
  gatewayRouteNotAllowed,
  gatewayUnsupported,
  ingressBackend,
  ingressClassName,
  ingressHost,
  ingressPath,
  ingressSpec,
  ingressTlsSecretName,
  ingressclassController,
  ingressclassParameters,
  invalidHost,
  invalidBackend,
  invalidIgnore,
  invalidInput,
  invalidPath,
  affinityCookiePath,
  targetUnsafeValue,
  targetUnsupported,
  targetApproximate,
  metadataKeys,
  multipleDefaultClasses,
  noIngressClass,
  objectDefinedTwice,
  objectName,
  pathCharacters,
  plainHttpOnly,
  prefixTrailingSlash,
  regexContagion,
  regexInPlainPath,
  removedAnnotation,
  removedApi,
  resourceBackend,
  rewriteTargetCapture,
  schema,
  serviceNotFound,
  servicePortNotFound,
  servicePortUnresolved,
  servicePorts,
  serviceSpec,
  servicesNotGiven,
  shadowedRoute,
  snippetAnnotation,
  targetApproximateAnnotation,
  targetUnsupportedAnnotation,
  templateFile,
  tlsCertExpired,
  tlsCertExpiring,
  tlsCertHost,
  tlsHostWithoutRule,
  tlsKeyMismatch,
  tlsSecretData,
  tlsSecretInvalid,
  tlsSecretNotFound,
  unknownAnnotation,
  unknownIngressClass,
  yamlAmbiguity,
  yamlSyntax,
];
